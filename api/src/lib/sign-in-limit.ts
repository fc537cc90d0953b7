import {
  clearSignInAttempts,
  deleteExpiredSignInLimits,
  reserveSignInAttempt,
  returnSignInAttempt,
  type SignInLimitRule,
} from "@tandem/db/queries/sign-in-limits";
import { createMiddleware } from "hono/factory";
import { clientAddress } from "./addresses";
import type { AppEnv } from "./context";
import { ApiError } from "./errors";

/**
 * Ten wrong passwords lock one account from one address for a quarter of an hour: a person's
 * typos lock out no one else, and someone guessing from elsewhere does not lock the owner
 * out. The looser cap per address stops one machine from trying many accounts.
 */
export const SIGN_IN_LIMITS = {
  accountAddress: { max: 10, windowSeconds: 15 * 60 },
  address: { max: 100, windowSeconds: 15 * 60 },
} satisfies Record<string, SignInLimitRule>;

/** The email a sign-in is for, as the auth library will read it (JSON or a form). */
async function emailOf(request: Request): Promise<string> {
  try {
    const type = request.headers.get("content-type") ?? "";
    if (type.includes("application/x-www-form-urlencoded")) {
      return (new URLSearchParams(await request.text()).get("email") ?? "").trim().toLowerCase();
    }
    const body: unknown = JSON.parse(await request.text());
    return typeof body === "object" &&
      body !== null &&
      "email" in body &&
      typeof body.email === "string"
      ? body.email.trim().toLowerCase()
      : "";
  } catch {
    // An unreadable body is still an attempt from this address; the library refuses it.
    return "";
  }
}

/**
 * Whether the auth library would route this path to the password sign-in, however it is
 * spelled (a trailing slash, an escaped character, capitals): none of them skips the limit.
 */
function isSignInPath(path: string): boolean {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // Left as sent; the library will not route a malformed path either.
  }
  return /\/sign-in\/email\/*$/i.test(decoded);
}

function minutes(until: Date): { seconds: number; words: string } {
  const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
  const count = Math.ceil(seconds / 60);
  return { seconds, words: count === 1 ? "1 minute" : `${count} minutes` };
}

function locked(until: Date, what: string): ApiError {
  const wait = minutes(until);
  return new ApiError("rate_limited", `${what} Try again in ${wait.words}.`, {
    headers: { "retry-after": String(wait.seconds) },
  });
}

/**
 * Counts each sign-in before the auth library checks the password (see
 * reserveSignInAttempt), then takes the count back unless the password was wrong.
 */
export const signInLimit = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.method !== "POST" || !isSignInPath(c.req.path)) return next();
  const db = c.var.database.db;
  const address = clientAddress(c, c.var.addresses);
  const pairKey = `${await emailOf(c.req.raw.clone())}|${address}`;
  const pair = await reserveSignInAttempt(
    db,
    "account_address",
    pairKey,
    SIGN_IN_LIMITS.accountAddress,
  );
  if (pair.attempts > SIGN_IN_LIMITS.accountAddress.max) {
    throw locked(pair.resetsAt, "Too many wrong passwords for this account from this address.");
  }
  const own = await reserveSignInAttempt(db, "address", address, SIGN_IN_LIMITS.address);
  if (own.attempts > SIGN_IN_LIMITS.address.max) {
    await returnSignInAttempt(db, "account_address", pairKey);
    throw locked(own.resetsAt, "Too many wrong passwords from this address.");
  }
  await next();
  // 401 is the library's answer to a wrong email or password; anything else was no guess.
  if (c.res.status === 401) return;
  if (c.res.ok) {
    await clearSignInAttempts(db, "account_address", pairKey);
    await deleteExpiredSignInLimits(db);
  } else {
    await returnSignInAttempt(db, "account_address", pairKey);
  }
  await returnSignInAttempt(db, "address", address);
});
