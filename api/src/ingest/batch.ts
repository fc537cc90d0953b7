import type { IngestBatch, IngestKind } from "@tandem/db/queries/ingest";
import type { z } from "zod";
import { issueMessage } from "../lib/issue-words";
import { minorDigits } from "../lib/money";
import { recordSchemas } from "./records";

/** The most records one JSON batch may carry. */
export const MAX_BATCH_RECORDS = 10_000;

/** One problem with one record: its position in the batch, the field and why. */
export interface RecordError {
  index?: number;
  path: string;
  message: string;
}

export type BatchValidation =
  | { ok: true; batch: IngestBatch }
  | { ok: false; errors: RecordError[] };

export interface OrganizationFormat {
  /** ISO 4217 code: decides how many decimals an amount may have. */
  currency: string;
  /** IANA zone: a date without a time means its midnight there. */
  timeZone: string;
}

function issueErrors(index: number, issues: readonly z.core.$ZodIssue[]): RecordError[] {
  return issues.map((issue) => {
    const base = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      return {
        index,
        path: issue.keys.map((k) => (base ? `${base}.${k}` : k)).join(", "),
        message: "is not a field of this record",
      };
    }
    return { index, path: base, message: issueMessage(issue, base) };
  });
}

/** Later records that repeat an earlier record's externalId (the first one stays valid). */
function duplicateErrors(externalIds: ReadonlyMap<number, string>): RecordError[] {
  const first = new Map<string, number>();
  const errors: RecordError[] = [];
  for (const [index, id] of externalIds) {
    const seen = first.get(id);
    if (seen === undefined) first.set(id, index);
    else {
      errors.push({
        index,
        path: "externalId",
        message: `repeats record ${seen} ("${id}"); a batch may hold each externalId once`,
      });
    }
  }
  return errors;
}

function validateWith<S extends z.ZodType>(schema: S, records: readonly unknown[]) {
  const valid: z.output<S>[] = [];
  const errors: RecordError[] = [];
  const ids = new Map<number, string>();
  records.forEach((record, index) => {
    const parsed = schema.safeParse(record);
    if (parsed.success) valid.push(parsed.data);
    else errors.push(...issueErrors(index, parsed.error.issues));
    // Duplicates are reported even for records that fail otherwise: the fix is the same.
    if (typeof record === "object" && record !== null && "externalId" in record) {
      const id = record.externalId;
      if (typeof id === "string" && id.trim() !== "") ids.set(index, id.trim());
    }
  });
  errors.push(...duplicateErrors(ids));
  errors.sort((a, b) => (a.index ?? -1) - (b.index ?? -1));
  return { valid, errors };
}

/**
 * Validates a whole batch: every record against its schema, amounts against the currency's
 * minor unit, externalIds unique within the batch. Either every record is valid and the batch
 * is returned normalised (instants in UTC, money in minor units), or every problem is listed.
 */
export function validateRecords(
  kind: IngestKind,
  records: readonly unknown[],
  format: OrganizationFormat,
): BatchValidation {
  const schemas = recordSchemas({
    digits: minorDigits(format.currency),
    timeZone: format.timeZone,
  });
  switch (kind) {
    case "leads": {
      const { valid, errors } = validateWith(schemas.leads, records);
      return errors.length > 0
        ? { ok: false, errors }
        : { ok: true, batch: { kind, records: valid } };
    }
    case "deals": {
      const { valid, errors } = validateWith(schemas.deals, records);
      return errors.length > 0
        ? { ok: false, errors }
        : { ok: true, batch: { kind, records: valid } };
    }
    case "touchpoints": {
      const { valid, errors } = validateWith(schemas.touchpoints, records);
      return errors.length > 0
        ? { ok: false, errors }
        : { ok: true, batch: { kind, records: valid } };
    }
  }
}

/** A JSON ingest body: `{records: [...]}` with 1 to 10,000 records. */
export function validateBatchBody(
  kind: IngestKind,
  body: unknown,
  format: OrganizationFormat,
): BatchValidation {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, errors: [{ path: "", message: "must be an object {records: [...]}" }] };
  }
  const extra = Object.keys(body).filter((k) => k !== "records");
  if (extra.length > 0) {
    return {
      ok: false,
      errors: [{ path: extra.join(", "), message: "is not a field of an ingest batch" }],
    };
  }
  const records = "records" in body ? body.records : undefined;
  if (!Array.isArray(records)) {
    return { ok: false, errors: [{ path: "records", message: "must be an array of records" }] };
  }
  if (records.length === 0) {
    return { ok: false, errors: [{ path: "records", message: "must hold at least one record" }] };
  }
  if (records.length > MAX_BATCH_RECORDS) {
    return {
      ok: false,
      errors: [
        {
          path: "records",
          message: `holds ${records.length} records; a batch may hold at most ${MAX_BATCH_RECORDS}`,
        },
      ],
    };
  }
  return validateRecords(kind, records, format);
}
