import { fieldLabel, fieldSentence } from "@tandem/api/words";
import type { ApiProblem } from "../../../lib/api-client";

/** Problems by line: what is wrong where, so the file can be fixed in one pass. */
export function LineErrors({
  error,
  shownByField,
}: {
  error: ApiProblem;
  /** Problems already written next to their field (a mapping problem, a format question). */
  shownByField: (problem: ApiProblem["errors"][number]) => boolean;
}) {
  const rest = error.errors.filter((e) => !shownByField(e));
  const lines = rest.filter((e) => e.line !== undefined || e.index !== undefined);
  const general = rest.filter((e) => e.line === undefined && e.index === undefined);
  if (rest.length === 0) return null;
  const badLines = new Set(lines.map((e) => e.line ?? e.index)).size;
  return (
    <div className="form-error" role="alert">
      {/* With the lines listed, the detail (which repeats the first of them) gives way to a count. */}
      <p>
        {badLines > 0
          ? `Nothing was written: ${badLines} ${badLines === 1 ? "line has a problem" : "lines have problems"}, listed below.`
          : error.message}
      </p>
      {general.length > 0 && (
        <ul>
          {general.map((e) => (
            <li key={`${e.path}:${e.message}`}>{fieldSentence(e)}</li>
          ))}
        </ul>
      )}
      {lines.length > 0 && (
        <section
          className="table-scroll"
          style={{ maxHeight: 260, overflowY: "auto", marginTop: "0.5rem" }}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scroll container must be focusable
          tabIndex={0}
          aria-label="Problems by line"
        >
          <table className="data-table">
            <caption className="visually-hidden">Problems by line</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  Line
                </th>
                <th scope="col">Column</th>
                <th scope="col">Field</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((e) => (
                <tr key={`${e.line ?? e.index}:${e.path}:${e.message}`}>
                  <td className="num">{e.line ?? (e.index !== undefined ? e.index + 2 : "—")}</td>
                  <td>{e.column ?? "—"}</td>
                  <td>{fieldLabel(e.path)}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
