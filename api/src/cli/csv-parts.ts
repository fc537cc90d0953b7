import { MAX_CSV_ROWS } from "../ingest/csv/csv-batch";
import type { CsvRow, CsvTable } from "../ingest/csv/parse-csv";

/** Below the server's 8 MB body limit with room to spare for quoting. */
const MAX_PART_BYTES = 6 * 1024 * 1024;

/** A slice of a CSV file re-serialised with its header, and the file line of each row. */
export interface CsvPart {
  text: string;
  lines: number[];
  /** The line each row starts on in `text` (a quoted line break makes a row two lines). */
  partLines: number[];
}

const needsQuotes = /[",\r\n]|^\s|\s$/;

function csvField(value: string): string {
  return needsQuotes.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

const csvLine = (values: readonly string[]) => values.map(csvField).join(",");

/**
 * Splits a parsed file into parts one request (or one transaction) takes: at most 50,000 rows
 * and 6 MB each. Rows are written back one per line, so a part's row index leads back to the
 * row's line in the original file however its blank lines and quoted line breaks fell.
 */
export function splitCsv(table: CsvTable, maxRows = MAX_CSV_ROWS): CsvPart[] {
  const header = csvLine(table.header);
  const parts: CsvPart[] = [];
  let rows: string[] = [];
  let lines: number[] = [];
  let partLines: number[] = [];
  let nextPartLine = 2;
  let bytes = header.length;
  const flush = () => {
    if (rows.length === 0) return;
    parts.push({ text: `${header}\n${rows.join("\n")}\n`, lines, partLines });
    rows = [];
    lines = [];
    partLines = [];
    nextPartLine = 2;
    bytes = header.length;
  };
  for (const row of table.rows satisfies CsvRow[]) {
    const text = csvLine(row.values);
    if (rows.length >= maxRows || bytes + text.length > MAX_PART_BYTES) flush();
    rows.push(text);
    lines.push(row.line);
    partLines.push(nextPartLine);
    nextPartLine += text.split(/\r\n|\r|\n/).length;
    bytes += text.length + 1;
  }
  flush();
  return parts;
}
