import type { IngestKind } from "@tandem/db/queries/ingest";
import { asSkipped, type CsvLineError, type SkippedRow } from "../ingest/csv/csv-batch";
import { choicesAsProblems, decideFormat, type FileFormat } from "../ingest/csv/file-format";
import { type ColumnOverride, parseOverride, resolveMapping } from "../ingest/csv/mapping";
import { type CsvTable, parseCsv } from "../ingest/csv/parse-csv";
import type { CsvPreset } from "../ingest/csv/presets";
import { type CsvNote, withoutReportRows } from "../ingest/csv/report-rows";
import { type CsvPart, splitCsv } from "./csv-parts";

export interface ImportCounts {
  records: number;
  inserted: number;
  updated: number;
  unchanged: number;
  unknownLeads: number;
  linkedDeals: number;
}

export type PartOutcome =
  | {
      ok: true;
      counts: ImportCounts;
      /** With skipInvalid: the rows left out, by their line in the part. */
      skipped?: readonly SkippedRow[];
    }
  | { ok: false; errors: CsvLineError[] };

/** Imports one part of the file: over HTTP, or straight into the database. */
export type SendPart = (
  part: CsvPart,
  dryRun: boolean,
  format: Partial<FileFormat>,
) => Promise<PartOutcome>;

export type ImportOutcome =
  | { ok: true; counts: ImportCounts; parts: number; notes: CsvNote[]; skipped: SkippedRow[] }
  | { ok: false; errors: CsvLineError[] };

export interface ImportRequest {
  kind: IngestKind;
  text: string;
  dryRun: boolean;
  /** Write the good rows and list the bad ones; the sender must have been made with it too. */
  skipInvalid?: boolean;
  preset?: CsvPreset;
  map: readonly string[];
  /** Declared decimal mark and date order; what is not declared is decided from the whole file. */
  format?: Partial<FileFormat>;
  /** Rows per part; the default is what one request takes. */
  partRows?: number;
}

function overridesOf(map: readonly string[]) {
  const overrides: ColumnOverride[] = [];
  const errors: CsvLineError[] = [];
  for (const text of map) {
    const override = parseOverride(text);
    if (override) overrides.push(override);
    else errors.push({ line: 1, path: "map", message: `"${text}" is not "Column name=field"` });
  }
  return { overrides, errors };
}

/** Rows repeating an earlier row's externalId anywhere in the file, even across parts. */
function duplicateRows(
  kind: IngestKind,
  table: CsvTable,
  options: { preset?: CsvPreset; overrides: ColumnOverride[] },
): CsvLineError[] {
  const mapping = resolveMapping(kind, table.header, options);
  if (!mapping.ok) return [];
  const column = mapping.columns.find((c) => c.field === "externalId");
  if (!column) return [];
  const seen = new Map<string, number>();
  const errors: CsvLineError[] = [];
  table.rows.forEach((row) => {
    const id = (row.values[column.column] ?? "").trim();
    if (!id) return;
    const first = seen.get(id);
    if (first === undefined) seen.set(id, row.line);
    else {
      errors.push({
        line: row.line,
        path: "externalId",
        column: column.header,
        message: `repeats line ${first} ("${id}"); a file may hold each externalId once`,
      });
    }
  });
  return errors;
}

const add = (a: ImportCounts, b: ImportCounts): ImportCounts => ({
  records: a.records + b.records,
  inserted: a.inserted + b.inserted,
  updated: a.updated + b.updated,
  unchanged: a.unchanged + b.unchanged,
  unknownLeads: a.unknownLeads + b.unknownLeads,
  linkedDeals: a.linkedDeals + b.linkedDeals,
});

const zero: ImportCounts = {
  records: 0,
  inserted: 0,
  updated: 0,
  unchanged: 0,
  unknownLeads: 0,
  linkedDeals: 0,
};

/** Skipped rows of a part, with lines of the part turned back into lines of the file. */
function skippedInFile(part: CsvPart, skipped: readonly SkippedRow[]): SkippedRow[] {
  return skipped.map((row) => {
    const index = part.partLines.indexOf(row.line);
    return { ...row, line: part.lines[index] ?? row.line };
  });
}

/** Errors of a part, with lines of the part turned back into lines of the file. */
function inFile(part: CsvPart, headerLine: number, errors: CsvLineError[]): CsvLineError[] {
  return errors.map(({ index, ...error }) => ({
    ...error,
    line: index === undefined ? headerLine : (part.lines[index] ?? error.line),
  }));
}

/**
 * Imports a CSV file of any size in parts the server takes (50,000 rows, 6 MB). A file of one
 * part is one transaction. A larger one is checked whole first (every part as a dry run), so
 * a bad line anywhere writes nothing; then each part commits on its own.
 */
export async function importFile(request: ImportRequest, send: SendPart): Promise<ImportOutcome> {
  const parsed = parseCsv(request.text);
  if (!parsed.ok)
    return {
      ok: false,
      errors: [{ line: parsed.problem.line, path: "", message: parsed.problem.message }],
    };
  const { overrides, errors: mapErrors } = overridesOf(request.map);
  if (mapErrors.length > 0) return { ok: false, errors: mapErrors };
  // Report totals and footers are found in the whole file, so parts hold only records.
  const { rows, notes } = withoutReportRows(parsed.table.header, parsed.table.rows);
  const duplicates = duplicateRows(
    request.kind,
    { ...parsed.table, rows },
    { preset: request.preset, overrides },
  );
  if (duplicates.length > 0 && !request.skipInvalid) return { ok: false, errors: duplicates };
  // Skipping, a repeated row is one more bad row: the first one with the id is imported.
  const repeated = new Set(duplicates.map((d) => d.line));
  const table = { ...parsed.table, rows: rows.filter((row) => !repeated.has(row.line)) };
  // Decided from the whole file, not part by part: every part is read the same way.
  let format: Partial<FileFormat> = request.format ?? {};
  const mapping = resolveMapping(request.kind, table.header, {
    preset: request.preset,
    overrides,
  });
  if (mapping.ok) {
    const decision = decideFormat(table.rows, mapping.columns, format);
    if (!decision.ok) {
      return {
        ok: false,
        errors: choicesAsProblems(decision.needed),
      };
    }
    format = decision.format;
  }

  const parts = splitCsv(table, request.partRows);
  if (parts.length === 0) {
    return {
      ok: false,
      errors: [{ line: table.headerLine, path: "", message: "The file has a header but no rows" }],
    };
  }
  const run = async (dryRun: boolean): Promise<ImportOutcome> => {
    let counts = zero;
    const errors: CsvLineError[] = [];
    const skipped = duplicates.map(asSkipped);
    for (const part of parts) {
      const outcome = await send(part, dryRun, format);
      if (outcome.ok) {
        counts = add(counts, outcome.counts);
        skipped.push(...skippedInFile(part, outcome.skipped ?? []));
      } else errors.push(...inFile(part, table.headerLine, outcome.errors));
    }
    return errors.length > 0
      ? { ok: false, errors: dedupeHeaderErrors(errors) }
      : {
          ok: true,
          counts,
          parts: parts.length,
          notes,
          skipped: skipped.sort((a, b) => a.line - b.line),
        };
  };
  if (request.dryRun || parts.length === 1) return run(request.dryRun);
  const check = await run(true);
  return check.ok ? run(false) : check;
}

/** A header problem comes back once per part; report it once. */
function dedupeHeaderErrors(errors: CsvLineError[]): CsvLineError[] {
  const seen = new Set<string>();
  return errors
    .filter((e) => {
      const key = `${e.line}\u0000${e.path}\u0000${e.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.line - b.line);
}
