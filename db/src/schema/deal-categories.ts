import {
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
} from "drizzle-orm/pg-core";
import { money } from "./columns";
import { deals, forecastCategories } from "./funnel";
import { orgId } from "./org-id";

/**
 * The rep's forecast category of each open deal as it was on each day, in the organization's
 * calendar days: a row says the deal was in `category` from `since_on` until its next row (or
 * its close). A CRM exports only the category a deal has now, which on a closed deal is the
 * outcome speaking; this history is what makes a chance by category learnable without it
 * (decision 043). Written by ingest on the day an open deal is seen with a category other than
 * its latest row's; a closed deal's category is never recorded. Archiving a deal removes its
 * history with it (the cascade).
 */
export const dealCategoryHistory = pgTable(
  "deal_category_history",
  {
    orgId: orgId(),
    dealExternalId: text("deal_external_id").notNull(),
    sinceOn: date("since_on", { mode: "string" }).notNull(),
    category: text("category", { enum: forecastCategories }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.dealExternalId, t.sinceOn] }),
    foreignKey({
      columns: [t.orgId, t.dealExternalId],
      foreignColumns: [deals.orgId, deals.externalId],
      name: "deal_category_history_deal_fk",
    }).onDelete("cascade"),
  ],
);

/**
 * The open deals' life table by forecast category, by landmark (decision 061): each week start
 * k of a deal's life (created + 7k) in which the deal was in category c enters c's table at lag
 * week k and stays until the deal closes, so a cell (cohort week, category, lag week w) holds,
 * over the deals created in the ISO week `week`, amount x the landmarks k <= w they had in c,
 * for the deals still open at the start of w (`at_risk`), won in w (`won`) or lost in w
 * (`lost`); `won_deals` counts each deal won in w once. A cell depends only on rows dated on or
 * before created + 7w and on a close within w, so it is read only once w is complete by asOf
 * (lastCompleteLagWeek). An open deal's future weeks are written under its latest category
 * and rewritten on each change. Kept by ingest in the deals' statement (queries/category-
 * rollups.ts); a deal without category history has no cell.
 */
export const dealCategoryLagRollups = pgTable(
  "deal_category_lag_rollups",
  {
    orgId: orgId(),
    week: date("week", { mode: "string" }).notNull(),
    category: text("category", { enum: forecastCategories }).notNull(),
    lagWeek: smallint("lag_week").notNull(),
    atRisk: money("at_risk").notNull().default(0),
    won: money("won").notNull().default(0),
    lost: money("lost").notNull().default(0),
    wonDeals: integer("won_deals").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.week, t.category, t.lagWeek] })],
);

/**
 * The deals by creation and close day ('infinity' while open), as deal_close_rollups, and by
 * the span of each category row (since_on until the next row, 'infinity' for the latest): the
 * deals open at the end of D in category c are the rows created on or before D, closed after D,
 * with since_on <= D < until_on. The forecast groups its open pipeline by them (decision 061).
 */
export const dealCategoryOpenRollups = pgTable(
  "deal_category_open_rollups",
  {
    orgId: orgId(),
    createdOn: date("created_on", { mode: "string" }).notNull(),
    closedOn: date("closed_on", { mode: "string" }).notNull(),
    category: text("category", { enum: forecastCategories }).notNull(),
    sinceOn: date("since_on", { mode: "string" }).notNull(),
    untilOn: date("until_on", { mode: "string" }).notNull(),
    deals: integer("deals").notNull().default(0),
    amount: money("amount").notNull().default(0),
  },
  (t) => [
    // Named: the generated name would pass PostgreSQL's 63 characters.
    primaryKey({
      name: "deal_category_open_rollups_pk",
      columns: [t.orgId, t.createdOn, t.closedOn, t.category, t.sinceOn, t.untilOn],
    }),
    // Today's open deals in their current category are the 'infinity' rows of both.
    index("deal_category_open_rollups_org_closed_idx").on(t.orgId, t.closedOn, t.untilOn),
  ],
);
