import type { Database } from "@tandem/db";
import { type DisplayRow, findActiveDisplayByTokenHash } from "@tandem/db/queries/displays";
import { ApiError } from "../../lib/errors";
import { hashDisplayToken, parseDisplayToken } from "./display-token";

/**
 * Unknown, malformed and revoked tokens all get the same 401: the answer tells a guesser
 * nothing, and a screen whose link was revoked shows that it needs a new one.
 */
export function displayTokenRejected(): ApiError {
  return new ApiError(
    "unauthorized",
    "This display link is not valid: it was revoked or never existed",
  );
}

/** The active display a token opens; throws the 401 otherwise. */
export async function requireDisplay(database: Database, token: string): Promise<DisplayRow> {
  const parsed = parseDisplayToken(token);
  if (!parsed) throw displayTokenRejected();
  const display = await findActiveDisplayByTokenHash(
    database.db,
    parsed.orgId,
    hashDisplayToken(token),
  );
  if (!display) throw displayTokenRejected();
  return display;
}
