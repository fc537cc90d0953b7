import { date, index, integer, pgTable, primaryKey, smallint, text } from "drizzle-orm/pg-core";
import { money } from "./columns";
import { dealStatuses } from "./funnel";
import { orgId } from "./org-id";

// The forecast's rollups (queries/forecast-rollups.ts keeps them in step with the facts in the
// ingest transaction, as the daily rollups are). Every one is keyed by dates, so the forecast
// for a past day reads exactly what was known that day: a deal closed after asOf sits in a row
// whose close day is after asOf, and a lag week is read only once it is complete by asOf.
// Days are the organization's calendar days; weeks are ISO weeks named by their Monday.

/**
 * Deals by the day they were created and the day they closed ('infinity' while open; a closed
 * deal without a close day counts nowhere). The deals open at the end of day D are the rows
 * created on or before D and closed after it.
 */
export const dealCloseRollups = pgTable(
  "deal_close_rollups",
  {
    orgId: orgId(),
    createdOn: date("created_on", { mode: "string" }).notNull(),
    closedOn: date("closed_on", { mode: "string" }).notNull(),
    deals: integer("deals").notNull().default(0),
    amount: money("amount").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.createdOn, t.closedOn] }),
    // Today's open deals are the 'infinity' rows: found without reading the closed ones.
    index("deal_close_rollups_org_closed_idx").on(t.orgId, t.closedOn, t.createdOn),
  ],
);

/**
 * Deals by ISO week of creation, outcome and the lag week of their close (days from created
 * to closed, / 7, capped at 52; -1 while open): the deals' life table.
 */
export const dealLagRollups = pgTable(
  "deal_lag_rollups",
  {
    orgId: orgId(),
    week: date("week", { mode: "string" }).notNull(),
    outcome: text("outcome", { enum: dealStatuses }).notNull(),
    closeWeek: smallint("close_week").notNull(),
    deals: integer("deals").notNull().default(0),
    amount: money("amount").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.week, t.outcome, t.closeWeek] })],
);

/**
 * Won deals of known leads by the ISO week of the lead's creation and the lag weeks (from the
 * lead's creation) of the deal's creation and of its win: what a lead becomes, and when.
 */
export const leadLagRollups = pgTable(
  "lead_lag_rollups",
  {
    orgId: orgId(),
    week: date("week", { mode: "string" }).notNull(),
    dealWeek: smallint("deal_week").notNull(),
    wonWeek: smallint("won_week").notNull(),
    wins: integer("wins").notNull().default(0),
    amount: money("amount").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.week, t.dealWeek, t.wonWeek] })],
);
