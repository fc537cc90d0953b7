import { pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { orgId } from "./org-id";

export const teamFunctions = ["marketing", "sales", "customer_success", "other"] as const;
export type TeamFunction = (typeof teamFunctions)[number];

export const teams = pgTable(
  "teams",
  {
    orgId: orgId(),
    id: text("id").notNull(),
    name: text("name").notNull(),
    function: text("function", { enum: teamFunctions }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("teams_org_name_idx").on(t.orgId, t.name),
  ],
);
