import type { Context } from "hono";
import { ApiError } from "./errors";

/** The ETag of a versioned row: its version number, quoted. */
export function etag(version: number): string {
  return `"${version}"`;
}

/**
 * The version the client last saw, from If-Match. Missing: 428 (we never overwrite blindly);
 * not a version of ours: 412, as a stale one would be.
 */
export function requireIfMatch(c: Context): number {
  const header = c.req.header("if-match");
  if (!header) {
    throw new ApiError(
      "precondition_required",
      "Send If-Match with the version you last read (the ETag), so nobody's change is overwritten",
    );
  }
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match)
    throw new ApiError(
      "precondition_failed",
      `If-Match ${header} is not a version of this resource`,
    );
  return Number(match[1]);
}
