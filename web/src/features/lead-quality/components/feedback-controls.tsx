import { type FormEvent, useId, useState } from "react";
import { ProblemMessage } from "../../../components/ui/states";
import type { Formatters } from "../../../lib/format";
import { humanize } from "../../../lib/words";
import {
  type AwaitingLead,
  type RejectionReason,
  reasonLabels,
  rejectionReasons,
  useLeadFeedback,
} from "../api/lead-quality";

function isReason(value: string): value is RejectionReason {
  return rejectionReasons.some((r) => r === value);
}

/** Accept at once, or reject with a reason (and an optional note) in one row. */
function VerdictRow({
  lead,
  goalId,
  format,
  canGive,
}: {
  lead: AwaitingLead;
  goalId: string;
  format: Formatters;
  canGive: boolean;
}) {
  const feedback = useLeadFeedback(goalId);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState<RejectionReason>("not_icp");
  const [note, setNote] = useState("");
  const ids = useId();
  const stage = lead.sqlAt ? "SQL" : "MQL";
  const since = lead.sqlAt ?? lead.mqlAt ?? lead.createdAt;

  const reject = (event: FormEvent) => {
    event.preventDefault();
    feedback.mutate({
      externalId: lead.externalId,
      feedback: { verdict: "rejected", reason, note },
    });
  };

  return (
    <li className="verdict-row">
      <div className="verdict-lead">
        <code>{lead.externalId}</code>
        <span className="muted small">
          {humanize(lead.source)}
          {lead.campaign ? ` · ${lead.campaign}` : ""} · {stage} {format.ago(since)}
        </span>
      </div>
      {canGive && !rejecting && (
        <div className="row">
          <button
            type="button"
            className="button small"
            disabled={feedback.isPending}
            onClick={() =>
              feedback.mutate({ externalId: lead.externalId, feedback: { verdict: "accepted" } })
            }
            aria-label={`Accept lead ${lead.externalId}`}
          >
            Accept
          </button>
          <button
            type="button"
            className="button small danger"
            onClick={() => setRejecting(true)}
            aria-label={`Reject lead ${lead.externalId}`}
          >
            Reject…
          </button>
        </div>
      )}
      {rejecting && (
        <form
          className="verdict-reject"
          onSubmit={reject}
          aria-label={`Reject lead ${lead.externalId}`}
        >
          <label htmlFor={`${ids}-reason`} className="visually-hidden">
            Reason
          </label>
          <select
            id={`${ids}-reason`}
            value={reason}
            onChange={(e) => isReason(e.target.value) && setReason(e.target.value)}
          >
            {rejectionReasons.map((r) => (
              <option key={r} value={r}>
                {reasonLabels[r]}
              </option>
            ))}
          </select>
          <label htmlFor={`${ids}-note`} className="visually-hidden">
            Note
          </label>
          <input
            id={`${ids}-note`}
            placeholder="Note (optional)"
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <button type="submit" className="button small primary" disabled={feedback.isPending}>
            Reject
          </button>
          <button type="button" className="button small" onClick={() => setRejecting(false)}>
            Cancel
          </button>
        </form>
      )}
      {feedback.error !== null && <ProblemMessage error={feedback.error} />}
    </li>
  );
}

export function AwaitingVerdictList({
  leads,
  goalId,
  format,
  canGive,
}: {
  leads: AwaitingLead[];
  goalId: string;
  format: Formatters;
  canGive: boolean;
}) {
  return (
    <ul
      className="verdict-list"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scroll container must be focusable
      tabIndex={0}
      aria-label="Leads awaiting a verdict"
    >
      {leads.map((lead) => (
        <VerdictRow
          key={lead.externalId}
          lead={lead}
          goalId={goalId}
          format={format}
          canGive={canGive}
        />
      ))}
    </ul>
  );
}

/** Feedback on any lead by the id it has in the CRM, for leads not in the list above. */
export function FeedbackByIdForm({ goalId }: { goalId: string }) {
  const feedback = useLeadFeedback(goalId);
  const [externalId, setExternalId] = useState("");
  const [verdict, setVerdict] = useState<"accepted" | "rejected">("rejected");
  const [reason, setReason] = useState<RejectionReason>("not_icp");
  const [note, setNote] = useState("");
  const [done, setDone] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const id = externalId.trim();
    feedback.mutate(
      {
        externalId: id,
        feedback: verdict === "accepted" ? { verdict, note } : { verdict, reason, note },
      },
      {
        onSuccess: () => {
          setDone(`Feedback saved for ${id}.`);
          setExternalId("");
          setNote("");
        },
      },
    );
  };

  return (
    <form className="form-stack" onSubmit={submit}>
      <div className="form-row">
        <label>
          Lead ID (from your CRM)
          <input
            required
            value={externalId}
            onChange={(e) => {
              setExternalId(e.target.value);
              setDone(null);
            }}
          />
        </label>
        <label>
          Verdict
          <select
            value={verdict}
            onChange={(e) => setVerdict(e.target.value === "accepted" ? "accepted" : "rejected")}
          >
            <option value="accepted">Accepted</option>
            <option value="rejected">Rejected</option>
          </select>
        </label>
        {verdict === "rejected" && (
          <label>
            Reason
            <select
              value={reason}
              onChange={(e) => isReason(e.target.value) && setReason(e.target.value)}
            >
              {rejectionReasons.map((r) => (
                <option key={r} value={r}>
                  {reasonLabels[r]}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <label>
        Note
        <input value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
      </label>
      <ProblemMessage error={feedback.error} />
      {done && (
        <p className="form-success" role="status">
          {done}
        </p>
      )}
      <div className="row">
        <button type="submit" className="button primary" disabled={feedback.isPending}>
          Save feedback
        </button>
      </div>
    </form>
  );
}
