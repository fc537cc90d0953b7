import { useQuery } from "@tanstack/react-query";
import { Card } from "../../../components/ui/card";
import { EmptyState, ErrorState, LoadingState } from "../../../components/ui/states";
import type { Formatters } from "../../../lib/format";
import { auditQuery } from "../api/audit";

export function AuditSection({ format }: { format: Formatters }) {
  const audit = useQuery(auditQuery);
  return (
    <Card id="audit" title="Audit log" description="Who changed what, newest first.">
      {audit.isPending ? (
        <LoadingState rows={3} />
      ) : audit.isError ? (
        <ErrorState error={audit.error} onRetry={() => audit.refetch()} />
      ) : audit.data.length === 0 ? (
        <EmptyState title="Nothing changed yet" />
      ) : (
        <section
          className="table-scroll"
          style={{ maxHeight: 360, overflowY: "auto" }}
          // Scrollable, so it takes focus: keyboard users scroll it too.
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scroll container must be focusable
          tabIndex={0}
          aria-label="Audit log entries"
        >
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Action</th>
                <th scope="col">What</th>
                <th scope="col">By</th>
              </tr>
            </thead>
            <tbody>
              {audit.data.map((entry) => (
                <tr key={entry.id}>
                  <td className="muted">{format.dateTime(entry.createdAt)}</td>
                  <th scope="row">
                    <code>{entry.action}</code>
                  </th>
                  <td>
                    {entry.entity} <span className="muted small">{entry.entityId}</span>
                  </td>
                  <td className="muted">
                    {entry.actor.kind === "user"
                      ? "a person"
                      : entry.actor.kind === "api_key"
                        ? "an API key"
                        : "the system"}{" "}
                    <span className="small">{entry.actor.id}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </Card>
  );
}
