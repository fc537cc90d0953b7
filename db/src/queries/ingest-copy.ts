import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import postgres from "postgres";
import { postgresOptions } from "../postgres-options";
import type { LeadFact } from "./ingest";

/** A value in COPY's text format: \N for null, backslash escapes for the separators. */
function copyText(value: string | null | undefined): string {
  if (value === null || value === undefined) return "\\N";
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === "\t" ? "\\t" : c === "\n" ? "\\n" : c === "\r" ? "\\r" : "\\\\",
  );
}

function* copyLines(orgId: string, rows: readonly LeadFact[]): Generator<string> {
  const chunk: string[] = [];
  for (const r of rows) {
    chunk.push(
      [orgId, r.externalId, r.createdAt, r.source, r.campaign, r.mqlAt, r.sqlAt, r.firstContactAt]
        .map(copyText)
        .join("\t"),
    );
    if (chunk.length === 1000) {
      yield `${chunk.join("\n")}\n`;
      chunk.length = 0;
    }
  }
  if (chunk.length > 0) yield `${chunk.join("\n")}\n`;
}

/**
 * Loads leads with a raw `COPY leads FROM STDIN`: no validation, no upsert, no rollups. The
 * ingest benchmark's baseline, the fastest way PostgreSQL takes rows, against which the API's
 * records per second are judged (the budget is a quarter of it).
 */
export async function copyLeads(
  url: string,
  orgId: string,
  rows: readonly LeadFact[],
): Promise<void> {
  const sql = postgres(url, { ...postgresOptions, max: 1 });
  try {
    const target = await sql`
      copy leads (org_id, external_id, created_at, source, campaign, mql_at, sql_at, first_contact_at)
      from stdin`.writable();
    await pipeline(Readable.from(copyLines(orgId, rows)), target);
  } finally {
    await sql.end();
  }
}
