import type { CsvLineError, SkippedRow } from "../ingest/csv/csv-batch";
import type { ImportCounts } from "./import-file";

const SHOWN_ERRORS = 50;

export function describeCounts(
  file: string,
  kind: string,
  counts: ImportCounts,
  dryRun: boolean,
  parts: number,
): string[] {
  const lines = [
    dryRun
      ? `${file}: ${counts.records} ${kind} checked (dry run, nothing written): would insert ${counts.inserted}, update ${counts.updated}, leave ${counts.unchanged} unchanged`
      : `${file}: ${counts.records} ${kind} imported: ${counts.inserted} inserted, ${counts.updated} updated, ${counts.unchanged} unchanged`,
  ];
  if (parts > 1)
    lines.push(`  sent in ${parts} parts, each its own transaction, after checking them all`);
  if (counts.unknownLeads > 0) {
    lines.push(
      `  ${counts.unknownLeads} refer to leads not imported yet; they count under "(none)" until the leads arrive`,
    );
  }
  if (counts.linkedDeals > 0) {
    lines.push(
      `  ${counts.linkedDeals} deal${counts.linkedDeals === 1 ? "" : "s"} ${dryRun ? "would be" : "now"} linked to ${counts.linkedDeals === 1 ? "its" : "their"} lead, so ${counts.linkedDeals === 1 ? "it counts" : "they count"} under the lead's source`,
    );
  }
  return lines;
}

/** The bad rows an import left out (--skip-invalid), one line per problem. */
export function describeSkipped(skipped: readonly SkippedRow[], dryRun: boolean): string[] {
  if (skipped.length === 0) return [];
  const rows = new Set(skipped.map((s) => s.line)).size;
  const lines = [
    `  ${rows} bad row${rows === 1 ? "" : "s"} ${dryRun ? "would be" : "were"} skipped (--skip-invalid):`,
  ];
  for (const row of skipped.slice(0, SHOWN_ERRORS)) {
    const field = row.path ? `, ${row.path}${row.column ? ` (column "${row.column}")` : ""}` : "";
    lines.push(`  line ${row.line}${field}: ${row.reason}`);
  }
  if (skipped.length > SHOWN_ERRORS) lines.push(`  … and ${skipped.length - SHOWN_ERRORS} more`);
  return lines;
}

export function describeErrors(file: string, errors: readonly CsvLineError[]): string[] {
  const lines = [
    `${file}: rejected, nothing was written (${errors.length} problem${errors.length === 1 ? "" : "s"}):`,
  ];
  for (const error of errors.slice(0, SHOWN_ERRORS)) {
    const field = error.path
      ? `, ${error.path}${error.column ? ` (column "${error.column}")` : ""}`
      : "";
    lines.push(`  line ${error.line}${field}: ${error.message}`);
    // A choice the file does not make: the command line takes it as an option.
    if (error.options)
      lines.push(
        `  choose with --${error.path === "dateOrder" ? "date-order" : error.path} ${error.options.join("|")}`,
      );
  }
  if (errors.length > SHOWN_ERRORS) lines.push(`  … and ${errors.length - SHOWN_ERRORS} more`);
  return lines;
}
