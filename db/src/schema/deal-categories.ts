import { date, foreignKey, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
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
