import { type ReactNode, useId, useState } from "react";
import { ProblemMessage } from "../../../components/ui/states";
import { useFormWords } from "../../../components/ui/use-form-words";
import type { Formatters } from "../../../lib/format";
import { humanize } from "../../../lib/words";
import {
  type AwaitingLead,
  type Feedback,
  type RejectionReason,
  reasonLabels,
  rejectionReasons,
  useBulkAccept,
  useLeadFeedback,
  useUndoVerdict,
} from "../api/lead-quality";

function isReason(value: string): value is RejectionReason {
  return rejectionReasons.some((r) => r === value);
}

/** Only a link of the web goes in an href: a CRM record URL is data from outside. */
function safeUrl(url: string | null): string | null {
  return url && /^https?:\/\//i.test(url) ? url : null;
}

/** Who the lead is, as the CRM knows them: what sales judges by, beyond an id. */
function LeadIdentity({ lead, format }: { lead: AwaitingLead; format: Formatters }) {
  const crm = safeUrl(lead.url);
  const contact = [lead.company, lead.email].filter((v): v is string => !!v);
  return (
    <div className="verdict-lead">
      <span className="verdict-name">
        {lead.name ?? <code>{lead.externalId}</code>}
        {lead.name && (
          <>
            {" "}
            <code className="muted small">{lead.externalId}</code>
          </>
        )}
      </span>
      {contact.length > 0 && (
        <span className="small">
          {lead.company}
          {lead.company && lead.email ? " · " : ""}
          {lead.email && <a href={`mailto:${lead.email}`}>{lead.email}</a>}
        </span>
      )}
      <span className="muted small">
        {humanize(lead.source)}
        {lead.campaign ? ` · ${lead.campaign}` : ""} · {lead.stage}{" "}
        <time dateTime={lead.qualifiedAt} title={format.dateTime(lead.qualifiedAt)}>
          {format.ago(lead.qualifiedAt)}
        </time>
        {lead.owner ? ` · owner ${lead.owner}` : ""}
      </span>
      {crm && (
        <a className="small" href={crm} target="_blank" rel="noopener noreferrer">
          Open in the CRM<span className="visually-hidden"> ({lead.name ?? lead.externalId})</span>
        </a>
      )}
    </div>
  );
}

const nameOf = (lead: AwaitingLead) => lead.name ?? lead.externalId;

/** Accept at once, or reject with a reason chosen on purpose (none is preselected). */
function VerdictRow({
  lead,
  goalId,
  format,
  canGive,
  selected,
  onSelect,
  onJudged,
}: {
  lead: AwaitingLead;
  goalId: string;
  format: Formatters;
  canGive: boolean;
  selected: boolean;
  onSelect: (selected: boolean) => void;
  onJudged: (judged: Judged) => void;
}) {
  const feedback = useLeadFeedback(goalId);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState<RejectionReason | "">("");
  const [note, setNote] = useState("");
  const ids = useId();
  const words = useFormWords(feedback.error);
  const name = nameOf(lead);

  // The saved verdict removes the row from the list at once, so mutate's own callbacks (which
  // skip an unmounted row) would lose it: the promise tells the list instead.
  const give = (body: Feedback) =>
    feedback
      .mutateAsync({ externalId: lead.externalId, feedback: body })
      .then((saved) => onJudged({ lead, feedbackId: saved.id, verdict: saved.verdict }))
      .catch(() => {
        // Shown in words from feedback.error.
      });
  // The reason is required: the form's own check says so when none is chosen.
  const reject = () => {
    if (reason) give({ verdict: "rejected", reason, note: note.trim() });
  };

  return (
    <li className="verdict-row">
      {canGive && (
        <input
          type="checkbox"
          className="verdict-select"
          checked={selected}
          onChange={(e) => onSelect(e.target.checked)}
          aria-label={`Select ${name}`}
        />
      )}
      <LeadIdentity lead={lead} format={format} />
      {canGive && !rejecting && (
        <div className="row">
          <button
            type="button"
            className="button small"
            disabled={feedback.isPending}
            onClick={() => give({ verdict: "accepted" })}
            aria-label={`Accept ${name}`}
          >
            Accept
          </button>
          <button
            type="button"
            className="button small danger"
            onClick={() => setRejecting(true)}
            aria-label={`Reject ${name}`}
          >
            Reject…
          </button>
        </div>
      )}
      {rejecting && (
        <form className="verdict-reject" {...words.form(reject)} aria-label={`Reject ${name}`}>
          <label htmlFor={`${ids}-reason`} className="visually-hidden">
            Reason
          </label>
          <select
            id={`${ids}-reason`}
            required
            value={reason}
            onChange={(e) => setReason(isReason(e.target.value) ? e.target.value : "")}
            {...words.field("reason")}
          >
            <option value="" disabled>
              Choose a reason…
            </option>
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
            maxLength={2000}
            onChange={(e) => setNote(e.target.value)}
            {...words.field("note")}
          />
          <button type="submit" className="button small primary" disabled={feedback.isPending}>
            Reject
          </button>
          <button type="button" className="button small" onClick={() => setRejecting(false)}>
            Cancel
          </button>
          {words.error("reason")}
          {words.error("note")}
        </form>
      )}
      {words.message()}
    </li>
  );
}

/** A verdict given on this screen, kept in view so it can be undone. */
interface Judged {
  lead: AwaitingLead;
  feedbackId: string;
  verdict: "accepted" | "rejected";
}

function JudgedRow({
  judged,
  goalId,
  onUndone,
}: {
  judged: Judged;
  goalId: string;
  onUndone: () => void;
}) {
  const undo = useUndoVerdict(goalId);
  const name = nameOf(judged.lead);
  return (
    <li className="verdict-row judged">
      <span>
        <strong>{judged.verdict === "accepted" ? "Accepted" : "Rejected"}</strong> {name}
      </span>
      <button
        type="button"
        className="button small"
        disabled={undo.isPending}
        onClick={() => undo.mutate(judged.feedbackId, { onSuccess: onUndone })}
        aria-label={`Undo the verdict on ${name}`}
      >
        {undo.isPending ? "Undoing…" : "Undo"}
      </button>
      <ProblemMessage error={undo.error} />
    </li>
  );
}

/**
 * The leads awaiting a verdict, newest hand-over first: accept or reject each, or select some
 * and accept them at once. Verdicts given here stay listed with an undo, which brings the
 * lead back to judge again (a changed mind).
 */
export function AwaitingVerdictList({
  leads,
  goalId,
  format,
  canGive,
  empty,
}: {
  leads: AwaitingLead[];
  goalId: string;
  format: Formatters;
  canGive: boolean;
  empty: ReactNode;
}) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [judged, setJudged] = useState<Judged[]>([]);
  const bulk = useBulkAccept(goalId);
  const waiting = leads.filter((l) => !judged.some((j) => j.lead.externalId === l.externalId));
  const chosen = waiting.filter((l) => selected.has(l.externalId));
  const toggle = (id: string, on: boolean) =>
    setSelected((old) => {
      const next = new Set(old);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const acceptChosen = () =>
    bulk.mutate(
      chosen.map((l) => l.externalId),
      {
        onSuccess: ({ items }) => {
          setJudged((old) => [
            ...items.flatMap((item) => {
              const lead = chosen.find((l) => l.externalId === item.leadExternalId);
              return lead ? [{ lead, feedbackId: item.id, verdict: item.verdict }] : [];
            }),
            ...old,
          ]);
          setSelected(new Set());
        },
      },
    );

  return (
    <>
      {judged.length > 0 && (
        <ul className="verdict-list judged-list" aria-label="Verdicts you just gave">
          {judged.map((j) => (
            <JudgedRow
              key={j.feedbackId}
              judged={j}
              goalId={goalId}
              onUndone={() => setJudged((old) => old.filter((o) => o.feedbackId !== j.feedbackId))}
            />
          ))}
        </ul>
      )}
      {waiting.length === 0 ? (
        empty
      ) : (
        <>
          {canGive && (
            <div className="row verdict-bulk">
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={chosen.length === waiting.length}
                  onChange={(e) =>
                    setSelected(new Set(e.target.checked ? waiting.map((l) => l.externalId) : []))
                  }
                />
                Select all {waiting.length}
              </label>
              <button
                type="button"
                className="button small primary"
                disabled={chosen.length === 0 || bulk.isPending}
                onClick={acceptChosen}
              >
                {bulk.isPending ? "Accepting…" : `Accept selected (${chosen.length})`}
              </button>
            </div>
          )}
          <ProblemMessage error={bulk.error} />
          <ul
            className="verdict-list"
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scroll container must be focusable
            tabIndex={0}
            aria-label="Leads awaiting a verdict"
          >
            {waiting.map((lead) => (
              <VerdictRow
                key={lead.externalId}
                lead={lead}
                goalId={goalId}
                format={format}
                canGive={canGive}
                selected={selected.has(lead.externalId)}
                onSelect={(on) => toggle(lead.externalId, on)}
                onJudged={(j) => setJudged((old) => [j, ...old])}
              />
            ))}
          </ul>
        </>
      )}
    </>
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
  const words = useFormWords(feedback.error);

  const submit = () => {
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
    <form className="form-stack" {...words.form(submit)} aria-label="Feedback by lead ID">
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
            {...words.field("externalId")}
          />
          {words.error("externalId")}
        </label>
        <label>
          Verdict
          <select
            value={verdict}
            onChange={(e) => setVerdict(e.target.value === "accepted" ? "accepted" : "rejected")}
            {...words.field("verdict")}
          >
            <option value="accepted">Accepted</option>
            <option value="rejected">Rejected</option>
          </select>
          {words.error("verdict")}
        </label>
        {verdict === "rejected" && (
          <label>
            Reason
            <select
              value={reason}
              onChange={(e) => isReason(e.target.value) && setReason(e.target.value)}
              {...words.field("reason")}
            >
              {rejectionReasons.map((r) => (
                <option key={r} value={r}>
                  {reasonLabels[r]}
                </option>
              ))}
            </select>
            {words.error("reason")}
          </label>
        )}
      </div>
      <label>
        Note
        <input
          value={note}
          maxLength={2000}
          onChange={(e) => setNote(e.target.value)}
          {...words.field("note")}
        />
        {words.error("note")}
      </label>
      {words.message()}
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
