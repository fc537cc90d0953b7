import { createHash } from "node:crypto";
import type { Database } from "@tandem/db";
import { IdempotencyKeyReusedError, type IngestKind } from "@tandem/db/queries/ingest";
import type { RecordError } from "../../ingest/batch";
import type { DecimalMark } from "../../ingest/csv/amounts";
import type { CsvLineError } from "../../ingest/csv/csv-batch";
import { type CsvEncoding, decodeCsv } from "../../ingest/csv/decode";
import type { DateOrder } from "../../ingest/csv/local-dates";
import { parseOverride } from "../../ingest/csv/mapping";
import type { CsvPreset } from "../../ingest/csv/presets";
import {
  type Idempotency,
  type IngestSummary,
  type IngestTarget,
  ingestCsv,
  ingestJson,
} from "../../ingest/ingest-service";
import { ApiError } from "../../lib/errors";
import { fieldSentence } from "../../words/field-words";

export interface IngestQuery {
  dryRun: boolean;
  skipInvalid: boolean;
  decimal?: DecimalMark;
  dateOrder?: DateOrder;
  encoding?: CsvEncoding;
  preset?: CsvPreset;
  map: string[];
}

const isCsv = (contentType: string) => /^(text|application)\/csv\b/i.test(contentType);
const isJson = (contentType: string) => /^application\/([a-z.-]+\+)?json\b/i.test(contentType);

function overridesOf(map: readonly string[]) {
  return map.map((text) => {
    const override = parseOverride(text);
    if (!override) {
      throw new ApiError("validation_failed", `The mapping "${text}" is not "Column name=field"`, {
        errors: [{ path: "map", message: `"${text}" is not "Column name=field"` }],
      });
    }
    return override;
  });
}

function recordProblem(errors: RecordError[]): ApiError {
  const first = errors[0];
  const where = first?.index === undefined ? "" : `record ${first.index}, `;
  const records = new Set(errors.map((e) => e.index)).size;
  return new ApiError(
    "validation_failed",
    `The batch was rejected (${records} record${records === 1 ? "" : "s"} with problems) and nothing was written; first: ${where}${first ? fieldSentence(first) : ""}`,
    { errors },
  );
}

function csvProblem(errors: CsvLineError[]): ApiError {
  const first = errors[0];
  if (first?.options) {
    return new ApiError(
      "validation_failed",
      `The file needs a choice before it can be read, and nothing was written: ${errors.map((e) => `${e.path} (column "${e.column ?? ""}"): ${e.message}`).join("; ")}`,
      { errors },
    );
  }
  const lines = new Set(errors.map((e) => e.line)).size;
  return new ApiError(
    "validation_failed",
    `The file was rejected (${lines} line${lines === 1 ? "" : "s"} with problems) and nothing was written; first: line ${first?.line ?? 1}: ${first ? fieldSentence(first) : ""}`,
    { errors },
  );
}

/** The key a client sends so a retry is answered, not written twice (IETF Idempotency-Key). */
function idempotencyOf(
  request: Request,
  kind: IngestKind,
  bytes: Uint8Array,
): Idempotency | undefined {
  const key = request.headers.get("idempotency-key");
  if (key === null) return undefined;
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new ApiError("validation_failed", "The Idempotency-Key header is not a key", {
      errors: [
        {
          path: "Idempotency-Key",
          message: "must be 1 to 255 visible ASCII characters, e.g. a UUID",
        },
      ],
    });
  }
  // What the key stands for: the same kind, options and body bytes.
  const url = new URL(request.url);
  const requestHash = createHash("sha256")
    .update(`${kind}\n${url.search}\n${request.headers.get("content-type") ?? ""}\n`)
    .update(bytes)
    .digest("hex");
  return { key, requestHash };
}

/** Runs ingest, turning a reused Idempotency-Key into words. */
async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof IdempotencyKeyReusedError)) throw error;
    throw new ApiError(
      "conflict",
      "This Idempotency-Key was already used for a different request (another body or other options) in the last 24 hours; nothing was written. Use a new key for a new request.",
      { errors: [{ path: "Idempotency-Key", message: "was used for a different request" }] },
    );
  }
}

/** Runs a CSV import and turns line errors into one 422 problem. */
export async function runCsv(
  database: Database,
  target: IngestTarget,
  kind: IngestKind,
  bytes: Uint8Array,
  query: IngestQuery,
  idempotency?: Idempotency,
): Promise<IngestSummary> {
  const decoded = decodeCsv(bytes, query.encoding);
  if (!decoded.ok) {
    throw new ApiError("validation_failed", decoded.message, {
      errors: [{ path: "encoding", message: decoded.message }],
    });
  }
  const outcome = await guarded(() =>
    ingestCsv(database, target, kind, decoded.decoded.text, {
      preset: query.preset,
      overrides: overridesOf(query.map),
      dryRun: query.dryRun,
      decimal: query.decimal,
      dateOrder: query.dateOrder,
      skipInvalid: query.skipInvalid,
      ...(idempotency ? { idempotency } : {}),
    }),
  );
  if (!outcome.ok) throw csvProblem(outcome.errors);
  return outcome.summary;
}

/** Reads a JSON batch or a CSV file from the body and ingests it; errors become problem+json. */
export async function runIngest(
  database: Database,
  request: Request,
  target: IngestTarget,
  kind: IngestKind,
  query: IngestQuery,
): Promise<IngestSummary> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!isCsv(contentType) && !isJson(contentType)) {
    throw new ApiError("bad_request", "Send application/json {records: [...]} or a text/csv file");
  }
  const bytes = new Uint8Array(await request.arrayBuffer());
  const idempotency = idempotencyOf(request, kind, bytes);
  if (isCsv(contentType)) return runCsv(database, target, kind, bytes, query, idempotency);
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new ApiError("bad_request", "The body is not valid JSON");
  }
  const outcome = await guarded(() =>
    ingestJson(database, target, kind, body, {
      dryRun: query.dryRun,
      ...(idempotency ? { idempotency } : {}),
    }),
  );
  if (!outcome.ok) throw recordProblem(outcome.errors);
  return outcome.summary;
}
