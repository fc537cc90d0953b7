import { z } from "zod";

// NUL cannot be stored in a PostgreSQL text or jsonb value, and half of a UTF-16 surrogate
// pair is not a Unicode character at all (it cannot be written as UTF-8). Both are refused
// where input enters, with the field's path, rather than failing deep in SQL as a 500.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored as text, or null when it can. */
export function unstorableReason(value: string): string | null {
  const nul = value.includes("\u0000");
  if (!nul && !LONE_SURROGATE.test(value)) return null;
  return nul
    ? "must not contain a NUL character (\\u0000)"
    : "must not contain a lone UTF-16 surrogate (text that is not valid Unicode)";
}

export interface UnstorableText {
  path: (string | number)[];
  message: string;
}

/** The first string (value or object key) in a JSON-like value that cannot be stored. */
export function findUnstorableText(
  value: unknown,
  path: (string | number)[] = [],
): UnstorableText | null {
  if (typeof value === "string") {
    const reason = unstorableReason(value);
    return reason ? { path, message: reason } : null;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findUnstorableText(item, [...path, index]);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const keyReason = unstorableReason(key);
      if (keyReason) return { path: [...path, key], message: `has a field name that ${keyReason}` };
      const found = findUnstorableText(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/**
 * A zod check for text that goes into the database: every text field of an ingest record
 * (JSON or CSV) uses it, so a CRM's stray NUL byte is a 422 with the record's index and path.
 */
export function storableText<T extends z.ZodString>(schema: T): T {
  return schema.check(
    z.superRefine((value: string, ctx) => {
      const reason = unstorableReason(value);
      if (reason) ctx.addIssue({ code: "custom", message: reason });
    }),
  );
}
