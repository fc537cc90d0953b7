import { useQuery } from "@tanstack/react-query";
import { Card } from "../../../components/ui/card";
import { ErrorState, LoadingState, ProblemMessage } from "../../../components/ui/states";
import type { Formatters } from "../../../lib/format";
import { sessionsQuery, useEndOtherSessions, useEndSession } from "../api/sessions";

/** Where the caller is signed in; a lost phone or a shared computer is ended from here. */
export function SessionsSection({ format }: { format: Formatters }) {
  const sessions = useQuery(sessionsQuery);
  const end = useEndSession();
  const endOthers = useEndOtherSessions();
  const others = sessions.data?.filter((s) => !s.current).length ?? 0;

  return (
    <Card
      id="sessions"
      title="Your sessions"
      description="Where you are signed in. Ending a session signs that device out at once, live screens included."
      actions={
        others > 0 && (
          <button
            type="button"
            className="button small danger"
            disabled={endOthers.isPending}
            onClick={() => {
              if (window.confirm(`Sign out of ${others} other session${others === 1 ? "" : "s"}?`))
                endOthers.mutate();
            }}
          >
            End all others
          </button>
        )
      }
    >
      <ProblemMessage error={end.error ?? endOthers.error} />
      {sessions.isPending ? (
        <LoadingState rows={2} />
      ) : sessions.isError ? (
        <ErrorState error={sessions.error} onRetry={() => sessions.refetch()} />
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Device</th>
                <th scope="col">Address</th>
                <th scope="col">Last seen</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.data.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    {s.device.label}
                    {s.current && <span className="muted small"> (this browser)</span>}
                    <div className="muted small">Signed in {format.dateTime(s.createdAt)}</div>
                  </th>
                  <td>{s.ipAddress ?? <span className="muted">unknown</span>}</td>
                  <td className="muted">{format.ago(s.lastSeenAt)}</td>
                  <td className="num">
                    {!s.current && (
                      <button
                        type="button"
                        className="button small danger"
                        aria-label={`End session on ${s.device.label}`}
                        disabled={end.isPending}
                        onClick={() => end.mutate(s.id)}
                      >
                        End
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
