CREATE TABLE "deal_close_rollups" (
	"org_id" text NOT NULL,
	"created_on" date NOT NULL,
	"closed_on" date NOT NULL,
	"deals" integer DEFAULT 0 NOT NULL,
	"amount" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "deal_close_rollups_org_id_created_on_closed_on_pk" PRIMARY KEY("org_id","created_on","closed_on")
);
--> statement-breakpoint
CREATE TABLE "deal_lag_rollups" (
	"org_id" text NOT NULL,
	"week" date NOT NULL,
	"outcome" text NOT NULL,
	"close_week" smallint NOT NULL,
	"deals" integer DEFAULT 0 NOT NULL,
	"amount" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "deal_lag_rollups_org_id_week_outcome_close_week_pk" PRIMARY KEY("org_id","week","outcome","close_week")
);
--> statement-breakpoint
CREATE TABLE "lead_lag_rollups" (
	"org_id" text NOT NULL,
	"week" date NOT NULL,
	"deal_week" smallint NOT NULL,
	"won_week" smallint NOT NULL,
	"wins" integer DEFAULT 0 NOT NULL,
	"amount" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "lead_lag_rollups_org_id_week_deal_week_won_week_pk" PRIMARY KEY("org_id","week","deal_week","won_week")
);
--> statement-breakpoint
ALTER TABLE "deal_close_rollups" ADD CONSTRAINT "deal_close_rollups_org_id_organization_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_lag_rollups" ADD CONSTRAINT "deal_lag_rollups_org_id_organization_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_lag_rollups" ADD CONSTRAINT "lead_lag_rollups_org_id_organization_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deal_close_rollups_org_closed_idx" ON "deal_close_rollups" USING btree ("org_id","closed_on","created_on");