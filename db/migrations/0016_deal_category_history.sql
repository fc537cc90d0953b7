CREATE TABLE "deal_category_history" (
	"org_id" text NOT NULL,
	"deal_external_id" text NOT NULL,
	"since_on" date NOT NULL,
	"category" text NOT NULL,
	CONSTRAINT "deal_category_history_org_id_deal_external_id_since_on_pk" PRIMARY KEY("org_id","deal_external_id","since_on")
);
--> statement-breakpoint
ALTER TABLE "deal_category_history" ADD CONSTRAINT "deal_category_history_org_id_organization_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_category_history" ADD CONSTRAINT "deal_category_history_deal_fk" FOREIGN KEY ("org_id","deal_external_id") REFERENCES "public"."deals"("org_id","external_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Open deals stored before the history existed start it with their category as of the day this runs (decision 043).
INSERT INTO "deal_category_history" ("org_id", "deal_external_id", "since_on", "category")
SELECT d."org_id", d."external_id", (now() AT TIME ZONE o."timezone")::date, d."forecast_category"
  FROM "deals" d JOIN "organization" o ON o."id" = d."org_id"
 WHERE d."status" = 'open' AND d."forecast_category" IS NOT NULL;
