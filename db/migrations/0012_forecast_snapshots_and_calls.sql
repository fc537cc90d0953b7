CREATE TABLE "forecast_calls" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"goal_id" text NOT NULL,
	"team_id" text NOT NULL,
	"week" date NOT NULL,
	"commit" bigint NOT NULL,
	"best_case" bigint NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"author_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "forecast_calls_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "forecast_calls_amounts_check" CHECK ("forecast_calls"."commit" >= 0 and "forecast_calls"."best_case" >= "forecast_calls"."commit")
);
--> statement-breakpoint
CREATE TABLE "forecast_snapshots" (
	"org_id" text NOT NULL,
	"goal_id" text NOT NULL,
	"day" date NOT NULL,
	"booked" bigint NOT NULL,
	"pipeline" bigint NOT NULL,
	"leads_in_hand" bigint NOT NULL,
	"leads_to_come" bigint NOT NULL,
	"total" bigint NOT NULL,
	"low" bigint NOT NULL,
	"high" bigint NOT NULL,
	"run_rate" bigint,
	"won_deals" integer NOT NULL,
	"enough" boolean NOT NULL,
	"replayed" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "forecast_snapshots_org_id_goal_id_day_pk" PRIMARY KEY("org_id","goal_id","day")
);
--> statement-breakpoint
ALTER TABLE "forecast_calls" ADD CONSTRAINT "forecast_calls_org_id_organization_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_calls" ADD CONSTRAINT "forecast_calls_org_id_goal_id_goals_org_id_id_fk" FOREIGN KEY ("org_id","goal_id") REFERENCES "public"."goals"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_calls" ADD CONSTRAINT "forecast_calls_org_id_team_id_teams_org_id_id_fk" FOREIGN KEY ("org_id","team_id") REFERENCES "public"."teams"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_snapshots" ADD CONSTRAINT "forecast_snapshots_org_id_organization_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_snapshots" ADD CONSTRAINT "forecast_snapshots_org_id_goal_id_goals_org_id_id_fk" FOREIGN KEY ("org_id","goal_id") REFERENCES "public"."goals"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "forecast_calls_org_goal_idx" ON "forecast_calls" USING btree ("org_id","goal_id","created_at");