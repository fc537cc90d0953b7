-- Custom SQL migration file, put your code below! ---- The forecast rollups of the facts stored before they existed, computed as
-- db/src/queries/forecast-rollups.ts computes them (rebuildForecastRollups).
CREATE TEMPORARY TABLE forecast_deal_days AS
SELECT d.org_id,
       (d.created_at AT TIME ZONE o.timezone)::date AS created_day,
       (d.closed_at AT TIME ZONE o.timezone)::date AS closed_day,
       (l.created_at AT TIME ZONE o.timezone)::date AS lead_created_day,
       d.status, d.amount
  FROM deals d
  JOIN organization o ON o.id = d.org_id
  LEFT JOIN leads l ON l.org_id = d.org_id AND l.external_id = d.lead_external_id
 WHERE d.status = 'open' OR d.closed_at IS NOT NULL;
--> statement-breakpoint
INSERT INTO deal_close_rollups (org_id, created_on, closed_on, deals, amount)
SELECT org_id, created_day, CASE WHEN status = 'open' THEN 'infinity'::date ELSE closed_day END,
       count(*)::int, sum(amount)::bigint
  FROM forecast_deal_days GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO deal_lag_rollups (org_id, week, outcome, close_week, deals, amount)
SELECT org_id, date_trunc('week', created_day)::date, status,
       (CASE WHEN status = 'open' THEN -1 ELSE least(52, greatest(0, (closed_day - created_day) / 7)) END)::smallint,
       count(*)::int, sum(amount)::bigint
  FROM forecast_deal_days GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
INSERT INTO lead_lag_rollups (org_id, week, deal_week, won_week, wins, amount)
SELECT org_id, date_trunc('week', lead_created_day)::date,
       least(52, greatest(0, (created_day - lead_created_day) / 7))::smallint,
       least(52, greatest(0, (closed_day - lead_created_day) / 7))::smallint,
       count(*)::int, sum(amount)::bigint
  FROM forecast_deal_days
 WHERE status = 'won' AND lead_created_day IS NOT NULL
 GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
DROP TABLE forecast_deal_days;
