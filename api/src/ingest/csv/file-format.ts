import { isTimeField } from "../fields";
import { type DecimalMark, decimalMarks, markEvidence } from "./amounts";
import { type DateOrder, dateOrders, orderEvidence } from "./local-dates";
import type { FieldColumn } from "./mapping";
import type { CsvRow } from "./parse-csv";

/** How the file writes numbers and dates, decided once for the whole file. */
export interface FileFormat {
  decimal: DecimalMark;
  dateOrder: DateOrder;
}

/** A choice the file does not make itself: the caller sends `parameter=<one of options>`. */
export interface ChoiceNeeded {
  parameter: "decimal" | "dateOrder";
  column: string;
  line: number;
  /** The cell that reads two ways, for a person to judge (absent when two cells contradict). */
  value?: string;
  options: readonly string[];
  message: string;
}

/** The choices as row problems: where the file asks, and which parameter answers it. */
export function choicesAsProblems(needed: readonly ChoiceNeeded[]) {
  return needed.map((n) => ({
    line: n.line,
    path: n.parameter,
    column: n.column,
    ...(n.value === undefined ? {} : { value: n.value }),
    message: n.message,
    options: n.options,
  }));
}

export type FormatDecision =
  | { ok: true; format: FileFormat }
  | { ok: false; needed: ChoiceNeeded[] };

interface Seen<T extends string> {
  proven: Map<T, { line: number; cell: string; column: string }>;
  ambiguous?: { line: number; cell: string; column: string };
}

function collect<T extends string>(
  rows: readonly CsvRow[],
  columns: readonly FieldColumn[],
  evidence: (cell: string) => { kind: string; mark?: T; order?: T },
): Seen<T> {
  const seen: Seen<T> = { proven: new Map() };
  for (const row of rows) {
    for (const column of columns) {
      const cell = (row.values[column.column] ?? "").trim();
      if (cell === "") continue;
      const found = evidence(cell);
      const at = { line: row.line, cell, column: column.header };
      const proves = found.mark ?? found.order;
      if (found.kind === "proves" && proves !== undefined && !seen.proven.has(proves))
        seen.proven.set(proves, at);
      else if (found.kind === "ambiguous") seen.ambiguous ??= at;
    }
  }
  return seen;
}

function decide<T extends string>(
  seen: Seen<T>,
  fallback: T,
  /** `at.cell` is given only for a cell that reads two ways (not for two that contradict). */
  ask: (why: string, at: { line: number; column: string; cell?: string }) => ChoiceNeeded,
  explain: {
    ambiguous: (cell: string) => string;
    mixed: (a: { cell: string; value: T }, b: { cell: string; value: T }) => string;
  },
): { ok: true; value: T } | { ok: false; needed: ChoiceNeeded } {
  const proven = [...seen.proven.entries()];
  const [first, second] = proven;
  if (first && second) {
    return {
      ok: false,
      needed: ask(
        explain.mixed(
          { cell: `"${first[1].cell}" (line ${first[1].line})`, value: first[0] },
          { cell: `"${second[1].cell}" (line ${second[1].line})`, value: second[0] },
        ),
        { line: second[1].line, column: second[1].column },
      ),
    };
  }
  if (first) return { ok: true, value: first[0] };
  if (seen.ambiguous) {
    return {
      ok: false,
      needed: ask(
        explain.ambiguous(`"${seen.ambiguous.cell}" (line ${seen.ambiguous.line})`),
        seen.ambiguous,
      ),
    };
  }
  return { ok: true, value: fallback };
}

/**
 * The file's decimal mark and date order: declared, or proven by its own cells (a "1.234,56",
 * a day above 12). When cells read two ways and none settles it, or cells contradict each
 * other, the answer is a question naming the column, never a guess.
 */
export function decideFormat(
  rows: readonly CsvRow[],
  columns: readonly FieldColumn[],
  declared: Partial<FileFormat>,
): FormatDecision {
  const needed: ChoiceNeeded[] = [];
  let decimal: DecimalMark = declared.decimal ?? "point";
  let dateOrder: DateOrder = declared.dateOrder ?? "month-first";

  if (declared.decimal === undefined) {
    const amounts = columns.filter((c) => c.field === "amount");
    const result = decide(
      collect<DecimalMark>(rows, amounts, markEvidence),
      "point",
      (message, at) => ({
        parameter: "decimal",
        column: at.column,
        line: at.line,
        ...(at.cell === undefined ? {} : { value: at.cell }),
        options: decimalMarks,
        message,
      }),
      {
        ambiguous: (cell) =>
          `${cell} reads two ways and no amount in the column settles it: send decimal=point if "." separates decimals (1,234.56) or decimal=comma if "," does (1.234,56)`,
        mixed: (a, b) =>
          `${a.cell} has a decimal ${a.value} and ${b.cell} a decimal ${b.value}: send decimal=point or decimal=comma for the file`,
      },
    );
    if (result.ok) decimal = result.value;
    else needed.push(result.needed);
  }

  if (declared.dateOrder === undefined) {
    const times = columns.filter((c) => isTimeField(c.field));
    const result = decide(
      collect<DateOrder>(rows, times, orderEvidence),
      "month-first",
      (message, at) => ({
        parameter: "dateOrder",
        column: at.column,
        line: at.line,
        ...(at.cell === undefined ? {} : { value: at.cell }),
        options: dateOrders,
        message,
      }),
      {
        ambiguous: (cell) =>
          `${cell} reads as month/day or day/month and no date in the file has a day above 12: send dateOrder=month-first (US, 9/16/2026) or dateOrder=day-first (16/09/2026)`,
        mixed: (a, b) =>
          `${a.cell} is written ${a.value.replace("-", " ")} and ${b.cell} ${b.value.replace("-", " ")}: send dateOrder=month-first or dateOrder=day-first for the file`,
      },
    );
    if (result.ok) dateOrder = result.value;
    else needed.push(result.needed);
  }

  return needed.length > 0 ? { ok: false, needed } : { ok: true, format: { decimal, dateOrder } };
}
