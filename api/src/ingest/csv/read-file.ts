import { type CsvEncoding, decodeCsv } from "./decode";
import { parseCsv } from "./parse-csv";
import { withoutReportRows } from "./report-rows";

export type CsvFileSummary =
  | { ok: true; header: string[]; rows: number; encoding: CsvEncoding }
  | { ok: false; message: string };

/**
 * A file's columns and record count read exactly as an import will read them (encoding,
 * separator, report footers): the web app's import screen offers these columns for mapping
 * before anything is sent.
 */
export function readCsvFile(bytes: Uint8Array): CsvFileSummary {
  const decoded = decodeCsv(bytes);
  if (!decoded.ok) return { ok: false, message: decoded.message };
  const parsed = parseCsv(decoded.decoded.text);
  if (!parsed.ok)
    return { ok: false, message: `Line ${parsed.problem.line}: ${parsed.problem.message}` };
  const { rows } = withoutReportRows(parsed.table.header, parsed.table.rows);
  return {
    ok: true,
    header: parsed.table.header,
    rows: rows.length,
    encoding: decoded.decoded.encoding,
  };
}
