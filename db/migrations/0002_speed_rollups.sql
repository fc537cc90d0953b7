CREATE TABLE "daily_speed_rollups" (
	"org_id" text NOT NULL,
	"day" date NOT NULL,
	"bucket" smallint NOT NULL,
	"leads" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "daily_speed_rollups_org_id_day_bucket_pk" PRIMARY KEY("org_id","day","bucket")
);
--> statement-breakpoint
ALTER TABLE "daily_speed_rollups" ADD CONSTRAINT "daily_speed_rollups_org_id_organization_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;