import { randomBytes } from "node:crypto";

/** Random ids with a readable prefix (`goal_…`), unguessable so ids leak nothing. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString("base64url")}`;
}
