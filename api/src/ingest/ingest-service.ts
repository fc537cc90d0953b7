import type { Database } from "@tandem/db";
import type { Actor } from "@tandem/db/queries/audit";
import {
  type IngestBatch,
  type IngestCounts,
  type IngestKind,
  ingestBatch,
  RecordsRejectedError,
} from "@tandem/db/queries/ingest";
import { publishChange } from "../lib/live/publish";
import { toMajorUnits } from "../lib/money";
import { type RecordError, validateBatchBody } from "./batch";
import {
  asSkipped,
  type CsvLineError,
  type CsvOptions,
  csvToBatch,
  type SkippedRow,
} from "./csv/csv-batch";
import type { CsvNote } from "./csv/report-rows";

/** The organization a batch goes into and who sends it. */
export interface IngestTarget {
  orgId: string;
  currency: string;
  timezone: string;
  actor: Actor;
}

export interface IngestSummary extends IngestCounts {
  kind: IngestKind;
  dryRun: boolean;
  /** Records in the batch (rows of a CSV file). */
  records: number;
  /** CSV rows skipped on purpose, each with its line: report totals and footers. */
  notes?: CsvNote[];
  /** CSV rows left out at the caller's request (skipInvalid), each problem with its line. */
  skipped?: SkippedRow[];
  /** CSV dry runs: the first rows as they would be stored, for a person to check the mapping. */
  preview?: { columns: Record<string, string>; rows: PreviewRow[] };
}

export type PreviewValue = string | number | string[] | null;

export interface PreviewRow {
  line: number;
  values: Record<string, PreviewValue>;
}

const PREVIEW_ROWS = 5;

/** A stored value as the preview shows it: money back in major units, lists copied. */
function previewValue(
  field: string,
  value: string | number | readonly string[] | null | undefined,
  currency: string,
): PreviewValue {
  if (value === undefined || value === null) return null;
  if (typeof value === "number") return field === "amount" ? toMajorUnits(value, currency) : value;
  if (typeof value === "string") return value;
  return [...value];
}

const definedOnly = (columns: Partial<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(columns).flatMap(([field, header]) =>
      header === undefined ? [] : [[field, header]],
    ),
  );

/** The first records of a file as read. */
function previewOf(batch: IngestBatch, lines: readonly number[], currency: string): PreviewRow[] {
  return batch.records.slice(0, PREVIEW_ROWS).map((record, index) => {
    const values: Record<string, PreviewValue> = {};
    for (const [field, value] of Object.entries(record)) {
      values[field] = previewValue(field, value, currency);
    }
    return { line: lines[index] ?? 0, values };
  });
}

export type IngestOutcome<E> = { ok: true; summary: IngestSummary } | { ok: false; errors: E[] };

/** An Idempotency-Key and the digest of the request it came with (ingest.request.ts). */
export interface Idempotency {
  key: string;
  requestHash: string;
}

async function write(
  database: Database,
  target: IngestTarget,
  batch: IngestBatch,
  options: { dryRun: boolean; via: string; idempotency?: Idempotency },
): Promise<IngestSummary> {
  const counts = await ingestBatch(database.db, target.orgId, batch, {
    actor: target.actor,
    dryRun: options.dryRun,
    via: options.via,
    // A dry run writes nothing, so there is nothing to answer twice.
    ...(options.dryRun || !options.idempotency ? {} : { idempotency: options.idempotency }),
  });
  // After the commit, so listeners recompute from data they can already read.
  if (
    !options.dryRun &&
    !counts.replayed &&
    counts.inserted + counts.updated + counts.linkedDeals > 0
  ) {
    await publishChange(database, { orgId: target.orgId, kind: "ingest" });
  }
  return { kind: batch.kind, dryRun: options.dryRun, records: batch.records.length, ...counts };
}

/** A JSON batch `{records}`: validated whole, then upserted (or only counted on a dry run). */
export async function ingestJson(
  database: Database,
  target: IngestTarget,
  kind: IngestKind,
  body: unknown,
  options: { dryRun: boolean; idempotency?: Idempotency },
): Promise<IngestOutcome<RecordError>> {
  const validation = validateBatchBody(kind, body, {
    currency: target.currency,
    timeZone: target.timezone,
  });
  if (!validation.ok) return { ok: false, errors: validation.errors };
  try {
    return {
      ok: true,
      summary: await write(database, target, validation.batch, { ...options, via: "api" }),
    };
  } catch (error) {
    if (error instanceof RecordsRejectedError) return { ok: false, errors: error.errors };
    throw error;
  }
}

/** A CSV file: the same validation and upsert as JSON, with errors by line. */
export async function ingestCsv(
  database: Database,
  target: IngestTarget,
  kind: IngestKind,
  text: string,
  options: CsvOptions & { dryRun: boolean; idempotency?: Idempotency },
): Promise<IngestOutcome<CsvLineError>> {
  const converted = csvToBatch(kind, text, options, {
    currency: target.currency,
    timeZone: target.timezone,
  });
  if (!converted.ok) return { ok: false, errors: converted.errors };
  try {
    const summary = await write(database, target, converted.batch, {
      dryRun: options.dryRun,
      via: "csv",
      ...(options.idempotency ? { idempotency: options.idempotency } : {}),
    });
    return {
      ok: true,
      summary: {
        ...summary,
        notes: converted.notes,
        ...(options.skipInvalid ? { skipped: converted.skipped.map(asSkipped) } : {}),
        ...(options.dryRun
          ? {
              preview: {
                columns: definedOnly(converted.columns),
                rows: previewOf(converted.batch, converted.lines, target.currency),
              },
            }
          : {}),
      },
    };
  } catch (error) {
    if (!(error instanceof RecordsRejectedError)) throw error;
    const { lines, columns } = converted;
    return {
      ok: false,
      errors: error.errors.map((e) => {
        const column = columns[e.path];
        return {
          index: e.index,
          line: lines[e.index] ?? 1,
          path: e.path,
          ...(column === undefined ? {} : { column }),
          message: e.message,
        };
      }),
    };
  }
}
