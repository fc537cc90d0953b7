import type { Formatters } from "../../../lib/format";
import type { ImportResult } from "../api/imports";

const timeFields = new Set([
  "createdAt",
  "mqlAt",
  "sqlAt",
  "firstContactAt",
  "closedAt",
  "occurredAt",
  "expectedCloseAt",
]);

type PreviewValue = string | number | string[] | null;

function shown(field: string, value: PreviewValue, format: Formatters): string {
  if (value === null || value === "") return "—";
  if (Array.isArray(value)) return value.length === 0 ? "—" : value.join(", ");
  if (field === "amount" && typeof value === "number") return format.moneyExact(value);
  if (timeFields.has(field) && typeof value === "string") return format.dateTime(value);
  return String(value);
}

/** The first rows as the import will store them, so a wrong mapping shows before anything is written. */
export function ImportPreview({ result, format }: { result: ImportResult; format: Formatters }) {
  const rows = result.preview?.rows ?? [];
  const columns = result.preview?.columns ?? {};
  if (rows.length === 0) return null;
  const fields = [...new Set(rows.flatMap((r) => Object.keys(r.values)))];
  return (
    <section
      className="table-scroll"
      aria-label="First rows as they will be imported"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scroll container must be focusable
      tabIndex={0}
    >
      <table className="data-table">
        <caption>The first {format.count(rows.length)} rows as they will be imported</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              Line
            </th>
            {fields.map((field) => {
              const column = columns[field];
              return (
                <th scope="col" key={field}>
                  <code>{field}</code>
                  {column && <span className="field-hint"> from “{column}”</span>}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.line}>
              <td className="num">{row.line}</td>
              {fields.map((field) => (
                <td key={field}>{shown(field, row.values[field] ?? null, format)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The bad rows an import leaves out when asked to skip them. */
export function SkippedRows({ result, format }: { result: ImportResult; format: Formatters }) {
  const skipped = result.skipped ?? [];
  if (skipped.length === 0) return null;
  const rows = new Set(skipped.map((s) => s.line)).size;
  return (
    <section
      className="table-scroll"
      style={{ maxHeight: 260, overflowY: "auto" }}
      aria-label="Skipped rows"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scroll container must be focusable
      tabIndex={0}
    >
      <table className="data-table">
        <caption style={{ textAlign: "start" }}>
          {format.count(rows)} bad {rows === 1 ? "row" : "rows"}{" "}
          {result.dryRun ? "will be skipped" : "were skipped"}
        </caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              Line
            </th>
            <th scope="col">Column</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {skipped.map((s) => (
            <tr key={`${s.line}:${s.path}:${s.reason}`}>
              <td className="num">{s.line}</td>
              <td>{s.column ?? s.path ?? "—"}</td>
              <td>{s.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
