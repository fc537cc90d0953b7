import { text } from "drizzle-orm/pg-core";
import { organization } from "./auth";

/** Every tenant table starts with this column so it can be distributed by org_id (Citus). */
export const orgId = () =>
  text("org_id")
    .notNull()
    .references(() => organization.id, { onDelete: "cascade" });
