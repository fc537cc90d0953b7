import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
} from "drizzle-orm/pg-core";
import { createdAt, money } from "./columns";
import { goals } from "./goals";
import { orgId } from "./org-id";
import { teams } from "./teams";

/**
 * The system forecast of a goal, once per organization calendar day: what it said that day,
 * so the dashboard can show how it moved and a closed period how accurate it was. The first
 * request or change of the day writes it (insert ... on conflict do nothing: one row per day
 * under any number of concurrent requests). Money in minor units.
 */
export const forecastSnapshots = pgTable(
  "forecast_snapshots",
  {
    orgId: orgId(),
    goalId: text("goal_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    booked: money("booked").notNull(),
    pipeline: money("pipeline").notNull(),
    leadsInHand: money("leads_in_hand").notNull(),
    leadsToCome: money("leads_to_come").notNull(),
    total: money("total").notNull(),
    low: money("low").notNull(),
    high: money("high").notNull(),
    runRate: money("run_rate"),
    wonDeals: integer("won_deals").notNull(),
    enough: boolean("enough").notNull(),
    /** True when written after the day, replayed from the rollups as of it (no request came that day). */
    replayed: boolean("replayed").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.goalId, t.day] }),
    foreignKey({ columns: [t.orgId, t.goalId], foreignColumns: [goals.orgId, goals.id] }).onDelete(
      "cascade",
    ),
  ],
);

/**
 * A team's weekly call for its part of the period (sales: booked + open pipeline; marketing:
 * leads in hand + leads to come): commit and best case, with a note. Append-only: a new call
 * supersedes the team's earlier ones, which stay as history (ordered by time, then id).
 */
export const forecastCalls = pgTable(
  "forecast_calls",
  {
    orgId: orgId(),
    id: text("id").notNull(),
    goalId: text("goal_id").notNull(),
    teamId: text("team_id").notNull(),
    /** The Monday (organization calendar) of the week the call was made in. */
    week: date("week", { mode: "string" }).notNull(),
    commit: money("commit").notNull(),
    bestCase: money("best_case").notNull(),
    note: text("note").notNull().default(""),
    authorId: text("author_id").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("forecast_calls_org_goal_idx").on(t.orgId, t.goalId, t.createdAt),
    foreignKey({ columns: [t.orgId, t.goalId], foreignColumns: [goals.orgId, goals.id] }).onDelete(
      "cascade",
    ),
    foreignKey({ columns: [t.orgId, t.teamId], foreignColumns: [teams.orgId, teams.id] }),
    check("forecast_calls_amounts_check", sql`${t.commit} >= 0 and ${t.bestCase} >= ${t.commit}`),
  ],
);
