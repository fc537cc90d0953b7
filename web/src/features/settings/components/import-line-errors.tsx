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
  return (
    <div className="form-error" role="alert">
      <p>{error.message}</p>
      {general.length > 0 && (
        <ul>
          {general.map((e) => (
            <li key={`${e.path}:${e.message}`}>
              {e.path && <code>{e.path}</code>} {e.message}
            </li>
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
                  <td>
                    <code>{e.path}</code>
                  </td>
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
