// The browser build runs unchanged in Node and in the web app (it carries its own Buffer).
import { CsvError, parse } from "csv-parse/browser/esm/sync";

export interface CsvRow {
  /** 1-based line where the row starts in the file; the header is line 1. */
  line: number;
  values: string[];
}

export interface CsvTable {
  header: string[];
  headerLine: number;
  rows: CsvRow[];
}

export interface CsvProblem {
  line: number;
  message: string;
}

export type CsvParse = { ok: true; table: CsvTable } | { ok: false; problem: CsvProblem };

const CR = 13;
const LF = 10;

/** Line breaks in a value, CRLF counting once, as an editor numbers lines. */
const lineBreaks = (value: string) => value.match(/\r\n|\r|\n/g)?.length ?? 0;

/** With `info` the parser returns {record, info} pairs, which its typings do not express. */
function recordWithEnd(entry: unknown): { record: string[]; endByte: number } | null {
  if (typeof entry !== "object" || entry === null || !("record" in entry) || !("info" in entry)) {
    return null;
  }
  const { record, info } = entry;
  if (!Array.isArray(record) || typeof info !== "object" || info === null) return null;
  if (!("bytes" in info) || typeof info.bytes !== "number") return null;
  return { record: record.map(String), endByte: info.bytes };
}

/**
 * Numbers lines from byte offsets. The parser's own line counter counts a CRLF inside a quoted
 * field twice and drifts from there on, so lines are counted here from the bytes it consumed:
 * a record ends where its byte offset says (line ending stripped), and starts as many lines
 * earlier as its values hold line breaks.
 */
class LineCounter {
  private position = 0;
  private line = 1;

  constructor(private readonly bytes: Uint8Array) {}

  /** The line holding the byte just before `end`; calls must come with growing `end`. */
  lineAt(end: number): number {
    for (; this.position < end - 1; this.position++) {
      const byte = this.bytes[this.position];
      if (byte === LF || (byte === CR && this.bytes[this.position + 1] !== LF)) this.line++;
    }
    return this.line;
  }
}

function contentEnd(bytes: Uint8Array, endByte: number): number {
  let end = endByte;
  if (bytes[end - 1] === LF) end--;
  if (bytes[end - 1] === CR) end--;
  return end;
}

const SEPARATORS = [",", ";", "\t"] as const;

/**
 * The separator of the header line: the one of `,` `;` tab that occurs most often outside
 * quotes (Excel writes `;` where the decimal comma is the locale's, tab for "Unicode text").
 */
export function detectSeparator(text: string): string {
  const counts = new Map<string, number>(SEPARATORS.map((s) => [s, 0]));
  let quoted = false;
  for (const char of text.replace(/^\uFEFF/, "")) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best = ",";
  for (const [separator, n] of counts) if (n > (counts.get(best) ?? 0)) best = separator;
  return best;
}

/**
 * Parses CSV text as spreadsheets and CRMs write it: the separator detected from the header, a byte-order mark, CRLF or LF line ends,
 * quoted fields holding commas, quotes and line breaks, blank lines and rows of empty cells
 * (both skipped). Rows may be shorter than the header (trailing empty cells dropped by some
 * exporters); the caller decides about longer ones.
 */
export function parseCsv(text: string): CsvParse {
  let parsed: unknown[];
  try {
    parsed = parse(text, {
      bom: true,
      delimiter: detectSeparator(text),
      info: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      relax_column_count: true,
    });
  } catch (error) {
    if (error instanceof CsvError) {
      const line = "lines" in error && typeof error.lines === "number" ? error.lines : 0;
      return { ok: false, problem: { line, message: error.message } };
    }
    throw error;
  }
  const bytes = new TextEncoder().encode(text);
  const lines = new LineCounter(bytes);
  const rows: CsvRow[] = [];
  let header: string[] | undefined;
  let headerLine = 1;
  for (const entry of parsed) {
    const parsedRecord = recordWithEnd(entry);
    if (!parsedRecord) continue;
    const { record, endByte } = parsedRecord;
    const endLine = lines.lineAt(contentEnd(bytes, endByte));
    const line = endLine - record.reduce((n, value) => n + lineBreaks(value), 0);
    if (!header) {
      header = record.map((name) => name.trim());
      headerLine = line;
    } else rows.push({ line, values: record });
  }
  if (!header)
    return { ok: false, problem: { line: 1, message: "The file is empty: no header row" } };
  return { ok: true, table: { header, headerLine, rows } };
}
