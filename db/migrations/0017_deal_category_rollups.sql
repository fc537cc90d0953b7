CREATE TABLE "deal_category_lag_rollups" (
	"org_id" text NOT NULL,
	"week" date NOT NULL,
	"category" text NOT NULL,
	"lag_week" smallint NOT NULL,
	"at_risk" bigint DEFAULT 0 NOT NULL,
	"won" bigint DEFAULT 0 NOT NULL,
	"lost" bigint DEFAULT 0 NOT NULL,
	"won_deals" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "deal_category_lag_rollups_org_id_week_category_lag_week_pk" PRIMARY KEY("org_id","week","category","lag_week")
);
--> statement-breakpoint
CREATE TABLE "deal_category_open_rollups" (
	"org_id" text NOT NULL,
	"created_on" date NOT NULL,
	"closed_on" date NOT NULL,
	"category" text NOT NULL,
	"since_on" date NOT NULL,
	"until_on" date NOT NULL,
	"deals" integer DEFAULT 0 NOT NULL,
	"amount" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "deal_category_open_rollups_pk" PRIMARY KEY("org_id","created_on","closed_on","category","since_on","until_on")
);
--> statement-breakpoint
ALTER TABLE "deal_category_lag_rollups" ADD CONSTRAINT "deal_category_lag_rollups_org_id_organization_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_category_open_rollups" ADD CONSTRAINT "deal_category_open_rollups_org_id_organization_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deal_category_open_rollups_org_closed_idx" ON "deal_category_open_rollups" USING btree ("org_id","closed_on","until_on");--> statement-breakpoint
-- Stores predating these tables get them from their deals and category history, as
-- rebuildForecastRollups computes them (decision 061, db/src/queries/category-rollups.ts).
INSERT INTO "deal_category_lag_rollups" ("org_id", "week", "category", "lag_week", "at_risk", "won", "lost", "won_deals")
WITH effects AS (
  SELECT d."org_id", d."external_id" AS deal, d."status", d."amount",
         (d."created_at" AT TIME ZONE o."timezone")::date AS created_day,
         (d."closed_at" AT TIME ZONE o."timezone")::date AS closed_day, h."since_on", h."category"
    FROM "deals" d
    JOIN "organization" o ON o."id" = d."org_id"
    JOIN "deal_category_history" h ON h."org_id" = d."org_id" AND h."deal_external_id" = d."external_id"
   WHERE d."status" = 'open' OR d."closed_at" IS NOT NULL
), spans AS (
  SELECT e.*, coalesce(lead(since_on) OVER (PARTITION BY org_id, deal ORDER BY since_on), 'infinity'::date) AS until_on
    FROM effects e
), segments AS (
  SELECT org_id, deal, status, amount, category, week, close_week, last_week,
         greatest(0, (since_on - created_day + 6) / 7) AS k_lo,
         least(last_week, CASE WHEN until_on = 'infinity'::date THEN last_week ELSE (until_on - 1 - created_day) / 7 END) AS k_hi
    FROM (
      SELECT s.*, date_trunc('week', created_day)::date AS week,
             (CASE WHEN status = 'open' THEN -1 ELSE least(52, greatest(0, (closed_day - created_day) / 7)) END) AS close_week,
             (CASE WHEN status = 'open' THEN 51 ELSE least(51, greatest(0, (closed_day - created_day) / 7)) END) AS last_week
        FROM spans s
       WHERE until_on > created_day
    ) s
), weeks AS (
  SELECT s.org_id, s.deal, s.status, s.amount, s.category, s.week, s.close_week, w.lag_week,
         sum(least(w.lag_week, s.k_hi) - s.k_lo + 1)::int AS landmarks
    FROM segments s
   CROSS JOIN LATERAL generate_series(s.k_lo, s.last_week) AS w(lag_week)
   WHERE s.k_lo <= s.k_hi
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
)
SELECT org_id, week, category, lag_week::smallint,
       sum(amount * landmarks)::bigint,
       sum(CASE WHEN lag_week = close_week AND status = 'won' THEN amount * landmarks ELSE 0 END)::bigint,
       sum(CASE WHEN lag_week = close_week AND status = 'lost' THEN amount * landmarks ELSE 0 END)::bigint,
       count(*) FILTER (WHERE lag_week = close_week AND status = 'won')::int
  FROM weeks
 GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
INSERT INTO "deal_category_open_rollups" ("org_id", "created_on", "closed_on", "category", "since_on", "until_on", "deals", "amount")
SELECT org_id, created_day, closed_on, category, since_on, until_on, count(*)::int, sum(amount)::bigint
  FROM (
    SELECT d."org_id", d."amount", h."category", h."since_on",
           (d."created_at" AT TIME ZONE o."timezone")::date AS created_day,
           (CASE WHEN d."status" = 'open' THEN 'infinity'::date ELSE (d."closed_at" AT TIME ZONE o."timezone")::date END) AS closed_on,
           coalesce(lead(h."since_on") OVER (PARTITION BY d."org_id", d."external_id" ORDER BY h."since_on"), 'infinity'::date) AS until_on
      FROM "deals" d
      JOIN "organization" o ON o."id" = d."org_id"
      JOIN "deal_category_history" h ON h."org_id" = d."org_id" AND h."deal_external_id" = d."external_id"
     WHERE d."status" = 'open' OR d."closed_at" IS NOT NULL
  ) s
 WHERE since_on < closed_on AND until_on > created_day
 GROUP BY 1, 2, 3, 4, 5, 6;
