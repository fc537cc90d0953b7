import { getTableName, type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../client";
import { dealCategoryHistory } from "../schema/deal-categories";
import { deals, leadFeedback, leads, touchpoints } from "../schema/funnel";
import type { FactChunk } from "./fact-chunk";

/**
 * Fact chunks go in as one INSERT ... SELECT FROM unnest(...) per table: one text parameter
 * per column, whatever the number of rows. That stays far from the 65,535-parameter limit of
 * multi-row VALUES, parses fast on the server, and works the same on PGlite and on the
 * `postgres` driver (COPY would need the raw driver, which `Database` does not expose).
 */
export async function insertFactChunk(tx: DbOrTx, orgId: string, chunk: FactChunk): Promise<void> {
  const { leads: l, deals: d, categories: c, touchpoints: t, feedback: f } = chunk;
  if (l.externalId.length > 0) {
    await tx.execute(
      unnestInsert(leads, orgId, [
        [leads.externalId, "text", l.externalId],
        [leads.createdAt, "timestamp", l.createdAt],
        [leads.source, "text", l.source],
        [leads.campaign, "text", l.campaign],
        [leads.mqlAt, "timestamp", l.mqlAt],
        [leads.sqlAt, "timestamp", l.sqlAt],
        [leads.firstContactAt, "timestamp", l.firstContactAt],
      ]),
    );
  }
  if (d.externalId.length > 0) {
    await tx.execute(
      unnestInsert(deals, orgId, [
        [deals.externalId, "text", d.externalId],
        [deals.leadExternalId, "text", d.leadExternalId],
        [deals.amount, "bigint", d.amount],
        [deals.status, "text", d.status],
        [deals.createdAt, "timestamp", d.createdAt],
        [deals.closedAt, "timestamp", d.closedAt],
        [deals.owner, "text", d.owner],
        [deals.forecastCategory, "text", d.forecastCategory],
        [deals.expectedCloseAt, "timestamp", d.expectedCloseAt],
      ]),
    );
  }
  if (c.dealExternalId.length > 0) {
    // Days in the organization's calendar; two changes on one day keep the later one.
    await tx.execute(sql`
      insert into ${dealCategoryHistory} (org_id, deal_external_id, since_on, category)
      select distinct on (c.deal, day) ${orgId}, c.deal, day, c.category
        from unnest(${textArray(c.dealExternalId)}::text[], ${numberArray(c.at)}::int8[],
                    ${textArray(c.category)}::text[]) as c(deal, at, category)
        cross join lateral (
          select (to_timestamp(c.at) at time zone o.timezone)::date as day
            from organization o where o.id = ${orgId}) d
       order by c.deal, day, c.at desc`);
  }
  if (t.externalId.length > 0) {
    // Rows keep their order, so the identity `seq` follows each lead's touches in time.
    await tx.execute(
      unnestInsert(touchpoints, orgId, [
        [touchpoints.externalId, "text", t.externalId],
        [touchpoints.leadExternalId, "text", t.leadExternalId],
        [touchpoints.channel, "text", t.channel],
        [touchpoints.campaign, "text", t.campaign],
        [touchpoints.occurredAt, "timestamp", t.occurredAt],
      ]),
    );
  }
  if (f.id.length > 0) {
    await tx.execute(
      unnestInsert(leadFeedback, orgId, [
        [leadFeedback.id, "text", f.id],
        [leadFeedback.leadExternalId, "text", f.leadExternalId],
        [leadFeedback.verdict, "text", f.verdict],
        [leadFeedback.reason, "text", f.reason],
        [leadFeedback.note, "text", f.note],
        [leadFeedback.authorId, "text", f.authorId],
        [leadFeedback.createdAt, "timestamp", f.createdAt],
      ]),
    );
  }
}

/** A column, how its values travel, and the values (timestamps as epoch seconds). */
type ColumnValues =
  | readonly [PgColumn, "text", readonly (string | null)[]]
  | readonly [PgColumn, "bigint" | "timestamp", readonly (number | null)[]];

function unnestInsert(table: PgTable, orgId: string, columns: readonly ColumnValues[]): SQL {
  const names = columns.map(([column]) => sql.identifier(column.name));
  const arrays = columns.map(([, type, values]) =>
    type === "text" ? sql`${textArray(values)}::text[]` : sql`${numberArray(values)}::int8[]`,
  );
  const selected = columns.map(([, type], i) => {
    const value = sql.identifier(`c${i}`);
    return type === "timestamp" ? sql`to_timestamp(${value})` : value;
  });
  const aliases = columns.map((_, i) => sql.identifier(`c${i}`));
  return sql`insert into ${sql.identifier(getTableName(table))} (org_id, ${sql.join(names, sql`, `)})
    select ${orgId}, ${sql.join(selected, sql`, `)}
      from unnest(${sql.join(arrays, sql`, `)}) as t(${sql.join(aliases, sql`, `)})`;
}

/** A PostgreSQL array literal; every element quoted, so no value can be read as NULL or split. */
export function textArray(values: readonly (string | null)[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    parts[i] = v === null || v === undefined ? "NULL" : `"${v.replace(/["\\]/g, "\\$&")}"`;
  }
  return `{${parts.join(",")}}`;
}

export function numberArray(values: readonly (number | null)[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    parts[i] = v === null || v === undefined ? "NULL" : String(v);
  }
  return `{${parts.join(",")}}`;
}
