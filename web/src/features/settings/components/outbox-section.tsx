import { useQuery } from "@tanstack/react-query";
import { Card } from "../../../components/ui/card";
import { EmptyState, ErrorState, LoadingState } from "../../../components/ui/states";
import type { Formatters } from "../../../lib/format";
import { outboxQuery } from "../api/notifications";

/**
 * With no mail server (TANDEM_SMTP_URL unset), mail is kept on this machine: owners read
 * their organization's here and pass links on themselves.
 */
export function OutboxSection({ format }: { format: Formatters }) {
  const outbox = useQuery(outboxQuery);
  return (
    <Card id="outbox" title="Email" description="Invitations, reminders, digests and alerts.">
      {outbox.isPending ? (
        <LoadingState rows={2} />
      ) : outbox.isError ? (
        <ErrorState error={outbox.error} onRetry={() => outbox.refetch()} />
      ) : outbox.data.mode === "smtp" ? (
        <p className="muted">Mail goes out through the mail server set in TANDEM_SMTP_URL.</p>
      ) : (
        <>
          <p className="notice" role="note">
            No mail server is set up (TANDEM_SMTP_URL), so email is kept in the outbox on this
            machine instead of being sent. The newest are below; copy a link to pass it on.
          </p>
          {outbox.data.messages.length === 0 ? (
            <EmptyState title="The outbox is empty">
              Invitations and notifications appear here.
            </EmptyState>
          ) : (
            <ul className="outbox-list">
              {outbox.data.messages.map((message) => (
                <li key={message.id}>
                  <details>
                    <summary>
                      <strong>{message.subject}</strong>
                      <span className="muted small">
                        {" "}
                        to {message.to}, {format.ago(message.createdAt)}
                      </span>
                    </summary>
                    <pre className="outbox-text">{message.text}</pre>
                  </details>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Card>
  );
}
