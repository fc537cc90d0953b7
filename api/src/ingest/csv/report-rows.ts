import type { CsvRow } from "./parse-csv";

// Rows a CRM report export adds around the records. A Salesforce report exported as CSV
// ("Details Only") ends with a "Grand Totals (N records)" row and, after blank lines, one-cell
// lines of a confidentiality notice and a copyright; grouped reports add "Total" and
// "Subtotal" rows. They are not records: they are skipped and reported as notes, never
// failing the file and never counted.

/** A row skipped on purpose, with its line and why. */
export interface CsvNote {
  line: number;
  message: string;
}

/** The whole cell is the label ("Grand Totals (4 records)"), so "Total Wine & More" is a record. */
const TOTALS = /^(grand\s+totals?|totals?|subtotals?)(\s*\(\d[\d,.]*\s+records?\))?:?$/i;

const filled = (row: CsvRow) => row.values.map((v) => v.trim()).filter((v) => v !== "");

const quote = (text: string) => (text.length > 60 ? `"${text.slice(0, 57)}…"` : `"${text}"`);

/**
 * Splits the rows into records and report rows: a row whose first filled cell is a total
 * label, and the trailing block of rows with a single filled cell when the header has several
 * columns (the footer lines). A one-cell row in the middle of the file is a record, and is
 * validated as one.
 */
export function withoutReportRows(
  header: readonly string[],
  rows: readonly CsvRow[],
): { rows: CsvRow[]; notes: CsvNote[] } {
  const notes: CsvNote[] = [];
  let end = rows.length;
  if (header.length >= 3) {
    while (end > 0) {
      const row = rows[end - 1];
      if (!row) break;
      const cells = filled(row);
      if (cells.length !== 1 || (row.values[0] ?? "").trim() === "") break;
      end--;
      notes.push({
        line: row.line,
        message: `skipped a report footer line ${quote(cells[0] ?? "")}`,
      });
    }
  }
  const kept: CsvRow[] = [];
  for (const row of rows.slice(0, end)) {
    const first = filled(row)[0] ?? "";
    if (TOTALS.test(first)) {
      notes.push({ line: row.line, message: `skipped a report totals row ${quote(first)}` });
    } else kept.push(row);
  }
  notes.sort((a, b) => a.line - b.line);
  return { rows: kept, notes };
}
