import type { IngestBatch, IngestKind } from "@tandem/db/queries/ingest";
import { validateRecords } from "../batch";
import { isListField, isTimeField } from "../fields";
import { parseCsvTime } from "../timestamps";
import { parseAmount } from "./amounts";
import { choicesAsProblems, decideFormat, type FileFormat } from "./file-format";
import { isoFromLocal } from "./local-dates";
import { type ColumnOverride, type FieldColumn, resolveMapping } from "./mapping";
import { parseCsv } from "./parse-csv";
import { type CsvPreset, statusFromStage } from "./presets";
import { type CsvNote, withoutReportRows } from "./report-rows";

/** The most data rows one CSV import takes in one transaction. */
export const MAX_CSV_ROWS = 50_000;

/** A problem in a CSV file, located by line (1-based, the header is line 1) and field. */
export interface CsvLineError {
  /** Position of the data row (0-based), absent for problems with the file or its header. */
  index?: number;
  line: number;
  /** The record field, e.g. "createdAt". */
  path: string;
  /** The CSV column the field was read from. */
  column?: string;
  message: string;
  /** For a choice the file does not make itself: the values `path` (a parameter) can take. */
  options?: readonly string[];
  /** For such a choice: the cell that reads two ways. */
  value?: string;
}

/** A bad row an import left out when asked to skip them: where, which field, and why. */
export interface SkippedRow {
  line: number;
  path: string;
  column?: string;
  reason: string;
}

export const asSkipped = (error: CsvLineError): SkippedRow => ({
  line: error.line,
  path: error.path,
  ...(error.column === undefined ? {} : { column: error.column }),
  reason: error.message,
});

export interface CsvOptions extends Partial<FileFormat> {
  /** Write the good rows and return the bad ones as skipped, instead of rejecting the file. */
  skipInvalid?: boolean;
  preset?: CsvPreset;
  overrides?: readonly ColumnOverride[];
}

export interface CsvFormat {
  currency: string;
  /** IANA zone in which times without an offset are read: the organization's. */
  timeZone: string;
}

export type CsvBatch =
  | {
      ok: true;
      batch: IngestBatch;
      lines: number[];
      /** The CSV header each field was read from. */
      columns: Partial<Record<string, string>>;
      /** Rows skipped on purpose (report totals and footers). */
      notes: CsvNote[];
      /** With skipInvalid: the bad rows left out, every problem with its line and column. */
      skipped: CsvLineError[];
    }
  | { ok: false; errors: CsvLineError[] };

function cellValue(
  column: FieldColumn,
  raw: string,
  format: CsvFormat & FileFormat,
): { value: string | string[] } | { error: string } {
  let value = raw.trim();
  if (isListField(column.field)) {
    return {
      value: value
        .split(/[;,]/)
        .map((id) => id.trim())
        .filter((id) => id !== ""),
    };
  }
  if (column.firstOfList) value = value.split(/[;,]/)[0]?.trim() ?? "";
  if (isTimeField(column.field)) {
    const local = isoFromLocal(value, format.dateOrder);
    const iso = local === null ? null : parseCsvTime(local, format.timeZone);
    if (iso === null) {
      return {
        error: `"${value}" is not a date or time: write YYYY-MM-DD, YYYY-MM-DD HH:mm[:ss] or ${format.dateOrder === "day-first" ? "16/09/2026" : "9/16/2026"} [h:mm] (read in ${format.timeZone}), or ISO 8601 with an offset`,
      };
    }
    return { value: iso };
  }
  if (column.field === "status") return { value: statusFromStage(value) };
  if (column.field === "amount") {
    const amount = parseAmount(value, format.decimal, format.currency);
    return amount.ok ? { value: amount.value } : { error: amount.message };
  }
  return { value };
}

/**
 * Turns CSV text into a validated batch through the same record schemas as the JSON API:
 * parse, map columns to fields, read times without an offset in the organization's timezone,
 * then validate every row. Either the whole file is valid or every bad row is reported with its
 * line, field, column and reason.
 */
export function csvToBatch(
  kind: IngestKind,
  text: string,
  options: CsvOptions,
  format: CsvFormat,
): CsvBatch {
  const parsed = parseCsv(text);
  if (!parsed.ok)
    return {
      ok: false,
      errors: [{ line: parsed.problem.line, path: "", message: parsed.problem.message }],
    };
  const { header, headerLine } = parsed.table;
  const { rows, notes } = withoutReportRows(header, parsed.table.rows);
  if (rows.length === 0) {
    return {
      ok: false,
      errors: [{ line: headerLine, path: "", message: "The file has a header but no rows" }],
    };
  }
  if (rows.length > MAX_CSV_ROWS) {
    const first = rows[MAX_CSV_ROWS];
    return {
      ok: false,
      errors: [
        {
          line: first?.line ?? headerLine,
          path: "",
          message: `The file has ${rows.length} rows; one import takes at most ${MAX_CSV_ROWS} (split it, or use the command line, which sends large files in parts)`,
        },
      ],
    };
  }
  const mapping = resolveMapping(kind, header, options);
  if (!mapping.ok) {
    return { ok: false, errors: mapping.problems.map((p) => ({ line: headerLine, ...p })) };
  }

  const decision = decideFormat(rows, mapping.columns, options);
  if (!decision.ok) {
    return {
      ok: false,
      errors: choicesAsProblems(decision.needed),
    };
  }
  const cellFormat = { ...format, ...decision.format };

  const errors: CsvLineError[] = [];
  const cellErrors = new Set<string>();
  const records: Record<string, string | string[] | null>[] = [];
  rows.forEach((row, index) => {
    if (row.values.length > header.length) {
      errors.push({
        index,
        line: row.line,
        path: "",
        message: `has ${row.values.length} fields; the header has ${header.length}`,
      });
    }
    const record: Record<string, string | string[] | null> = {};
    for (const column of mapping.columns) {
      let raw = row.values[column.column] ?? "";
      for (const fallback of column.fallbacks) {
        if (raw.trim() !== "") break;
        raw = row.values[fallback.column] ?? "";
      }
      // A blank cell of a column the file has: the CRM holds no value (an optional field is
      // cleared, a required one is reported). Fields without a column keep their stored value.
      if (raw.trim() === "") {
        record[column.field] = null;
        continue;
      }
      const cell = cellValue(column, raw, cellFormat);
      if ("error" in cell) {
        errors.push({
          index,
          line: row.line,
          path: column.field,
          column: column.header,
          message: cell.error,
        });
        cellErrors.add(`${index}\u0000${column.field}`);
      } else record[column.field] = cell.value;
    }
    records.push(record);
  });

  const validation = validateRecords(kind, records, format);
  const headerOf = new Map<string, string>(mapping.columns.map((c) => [c.field, c.header]));
  if (validation.ok && errors.length === 0) {
    return {
      ok: true,
      batch: validation.batch,
      lines: rows.map((r) => r.line),
      columns: Object.fromEntries(headerOf),
      notes,
      skipped: [],
    };
  }
  for (const error of validation.ok ? [] : validation.errors) {
    const index = error.index ?? 0;
    // A cell already reported as unreadable is not reported again as missing.
    if (cellErrors.has(`${index}\u0000${error.path}`)) continue;
    const column = headerOf.get(error.path);
    errors.push({
      index,
      line: rows[index]?.line ?? headerLine,
      path: error.path,
      ...(column === undefined ? {} : { column }),
      message:
        column !== undefined && error.message === "is required"
          ? `is required: the "${column}" cell is empty`
          : error.message,
    });
  }
  errors.sort((a, b) => a.line - b.line);
  if (options.skipInvalid && errors.every((e) => e.index !== undefined)) {
    const bad = new Set(errors.map((e) => e.index));
    const goodIndexes = records.flatMap((_, index) => (bad.has(index) ? [] : [index]));
    const good = validateRecords(
      kind,
      goodIndexes.map((i) => records[i]),
      format,
    );
    // Rows valid on their own are valid together: duplicates mark only the later row.
    if (good.ok) {
      return {
        ok: true,
        batch: good.batch,
        lines: goodIndexes.map((i) => rows[i]?.line ?? headerLine),
        columns: Object.fromEntries(headerOf),
        notes,
        skipped: errors.map(({ index: _index, ...error }) => error),
      };
    }
  }
  return { ok: false, errors };
}
