import { sql } from "drizzle-orm";
import {
  check,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { createdAt, money, updatedAt, version } from "./columns";
import { orgId } from "./org-id";
import { teams } from "./teams";

export const pacingModes = ["linear", "historical"] as const;
export const keyResultKinds = ["activity", "conversion", "outcome"] as const;
export const keyResultUnits = ["count", "percent", "currency", "duration"] as const;
export const funnelMetrics = [
  "leads",
  "mqls",
  "sqls",
  "wins",
  "revenue",
  "lead_to_mql",
  "mql_to_sql",
  "sql_to_won",
  "avg_deal_size",
  "median_speed_to_lead",
] as const;

/**
 * The one shared revenue goal of an organization for a period, with its funnel plan.
 * Overlapping periods are refused by the query layer under a per-organization lock.
 */
export const goals = pgTable(
  "goals",
  {
    orgId: orgId(),
    id: text("id").notNull(),
    name: text("name").notNull(),
    startsOn: date("starts_on", { mode: "string" }).notNull(),
    endsOn: date("ends_on", { mode: "string" }).notNull(),
    target: money("target").notNull(),
    currency: text("currency").notNull(),
    /** Null when the plan derives leads from the target (reverse funnel). */
    planLeads: integer("plan_leads"),
    leadToMql: doublePrecision("lead_to_mql").notNull(),
    mqlToSql: doublePrecision("mql_to_sql").notNull(),
    sqlToWon: doublePrecision("sql_to_won").notNull(),
    avgDealSize: money("avg_deal_size").notNull(),
    pacing: text("pacing", { enum: pacingModes }).notNull().default("linear"),
    onTrackThreshold: doublePrecision("on_track_threshold").notNull().default(1),
    atRiskThreshold: doublePrecision("at_risk_threshold").notNull().default(0.85),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("goals_org_period_idx").on(t.orgId, t.startsOn, t.endsOn),
    check("goals_period_check", sql`${t.endsOn} >= ${t.startsOn}`),
    check("goals_target_check", sql`${t.target} > 0`),
  ],
);

export const keyResults = pgTable(
  "key_results",
  {
    orgId: orgId(),
    id: text("id").notNull(),
    goalId: text("goal_id").notNull(),
    teamId: text("team_id").notNull(),
    title: text("title").notNull(),
    kind: text("kind", { enum: keyResultKinds }).notNull(),
    unit: text("unit", { enum: keyResultUnits }).notNull(),
    startValue: doublePrecision("start_value").notNull(),
    targetValue: doublePrecision("target_value").notNull(),
    /** Set: the value is computed live from the funnel. Null: updated by check-ins. */
    metric: text("metric", { enum: funnelMetrics }),
    cadenceDays: smallint("cadence_days").notNull().default(7),
    /** Set: archived, kept with its history but no longer shown or counted. */
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("key_results_org_goal_idx").on(t.orgId, t.goalId),
    foreignKey({ columns: [t.orgId, t.goalId], foreignColumns: [goals.orgId, goals.id] }).onDelete(
      "cascade",
    ),
    foreignKey({ columns: [t.orgId, t.teamId], foreignColumns: [teams.orgId, teams.id] }),
  ],
);

/** Append-only history of key-result updates. */
export const checkIns = pgTable(
  "check_ins",
  {
    orgId: orgId(),
    id: text("id").notNull(),
    keyResultId: text("key_result_id").notNull(),
    value: doublePrecision("value"),
    confidence: smallint("confidence").notNull(),
    note: text("note").notNull().default(""),
    authorId: text("author_id").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("check_ins_org_kr_time_idx").on(t.orgId, t.keyResultId, t.createdAt),
    index("check_ins_org_time_idx").on(t.orgId, t.createdAt),
    foreignKey({
      columns: [t.orgId, t.keyResultId],
      foreignColumns: [keyResults.orgId, keyResults.id],
    }).onDelete("cascade"),
    check("check_ins_confidence_check", sql`${t.confidence} between 1 and 10`),
  ],
);
