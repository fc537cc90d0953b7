import { useState } from "react";
import { ProblemMessage } from "../../../components/ui/states";
import { useFormWords } from "../../../components/ui/use-form-words";
import type { Formatters } from "../../../lib/format";
import { formatKeyResultValue, inputScale } from "../../goals/components/key-result-value";
import { type CheckIn, type KeyResult, useDeleteCheckIn, useUpdateCheckIn } from "../api/check-ins";
import { CheckInValueField } from "./check-in-value-field";

/**
 * Every check-in on a key result, newest first. Its author or an owner can correct one (a
 * slip of the keyboard) or delete it; the key result, the dashboard and the TV follow.
 */
export function CheckInHistory({
  keyResult,
  checkIns,
  goalId,
  format,
  canCorrect,
}: {
  keyResult: KeyResult;
  checkIns: readonly CheckIn[];
  goalId: string;
  format: Formatters;
  canCorrect: (checkIn: CheckIn) => boolean;
}) {
  return (
    <ol
      className="feed span-5"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scroll container must be focusable
      tabIndex={0}
      aria-label="Check-in history"
    >
      {checkIns.map((c) => (
        <CheckInItem
          key={c.id}
          checkIn={c}
          keyResult={keyResult}
          goalId={goalId}
          format={format}
          canCorrect={canCorrect(c)}
        />
      ))}
    </ol>
  );
}

function CheckInItem({
  checkIn,
  keyResult,
  goalId,
  format,
  canCorrect,
}: {
  checkIn: CheckIn;
  keyResult: KeyResult;
  goalId: string;
  format: Formatters;
  canCorrect: boolean;
}) {
  const [mode, setMode] = useState<"view" | "edit" | "delete">("view");
  const remove = useDeleteCheckIn(goalId);
  const fmt = (v: number | null) => formatKeyResultValue(v, keyResult.unit, format);
  const what = `the check-in of ${format.dateTime(checkIn.createdAt)}`;
  return (
    <li className="feed-item">
      <div className="feed-meta">
        <span className="feed-author">{checkIn.author.name}</span>
        <time
          className="muted small"
          dateTime={checkIn.createdAt}
          title={format.dateTime(checkIn.createdAt)}
        >
          {format.dateTime(checkIn.createdAt)}
        </time>
      </div>
      {mode === "edit" ? (
        <EditCheckIn
          checkIn={checkIn}
          keyResult={keyResult}
          goalId={goalId}
          format={format}
          onDone={() => setMode("view")}
        />
      ) : (
        <>
          <p className="feed-title">
            {checkIn.value !== null ? `${fmt(checkIn.value)} · ` : ""}confidence{" "}
            {checkIn.confidence}/10
          </p>
          {checkIn.note && <p className="feed-note">{checkIn.note}</p>}
        </>
      )}
      {canCorrect && mode === "view" && (
        <div className="row">
          <button
            type="button"
            className="button small"
            aria-label={`Edit ${what}`}
            onClick={() => setMode("edit")}
          >
            Edit
          </button>
          <button
            type="button"
            className="button small"
            aria-label={`Delete ${what}`}
            onClick={() => setMode("delete")}
          >
            Delete
          </button>
        </div>
      )}
      {mode === "delete" && (
        <div className="notice" role="alert">
          <p>Delete this check-in? The key result goes back to the one before it.</p>
          <div className="row">
            <button
              type="button"
              className="button small danger"
              disabled={remove.isPending}
              onClick={() => remove.mutate({ checkIn, version: keyResult.version })}
            >
              {remove.isPending ? "Deleting…" : "Delete it"}
            </button>
            <button type="button" className="button small" onClick={() => setMode("view")}>
              Keep it
            </button>
          </div>
          <ProblemMessage error={remove.error} />
        </div>
      )}
    </li>
  );
}

function EditCheckIn({
  checkIn,
  keyResult,
  goalId,
  format,
  onDone,
}: {
  checkIn: CheckIn;
  keyResult: KeyResult;
  goalId: string;
  format: Formatters;
  onDone: () => void;
}) {
  const scale = inputScale(keyResult.unit);
  const manual = keyResult.metric === null;
  const [value, setValue] = useState(
    checkIn.value === null ? "" : String(Number((checkIn.value * scale).toFixed(4))),
  );
  const [confidence, setConfidence] = useState(checkIn.confidence);
  const [note, setNote] = useState(checkIn.note);
  const [confirmed, setConfirmed] = useState(false);
  const update = useUpdateCheckIn(goalId);
  const words = useFormWords(update.error);

  const submit = () => {
    const parsed = Number(value);
    update.mutate(
      {
        checkIn,
        version: keyResult.version,
        changes: {
          confidence,
          note: note.trim(),
          ...(manual &&
            value.trim() !== "" &&
            Number.isFinite(parsed) && { value: parsed / scale }),
          ...(confirmed && { confirm: true }),
        },
      },
      { onSuccess: onDone },
    );
  };

  return (
    <form className="form-stack" aria-label="Correct this check-in" {...words.form(submit)}>
      {manual && (
        <CheckInValueField
          keyResult={keyResult}
          format={format}
          value={value}
          onChange={setValue}
          words={words}
          confirmed={confirmed}
          onConfirm={setConfirmed}
        />
      )}
      <label>
        Confidence (1 to 10)
        <select
          value={confidence}
          onChange={(e) => setConfidence(Number(e.target.value))}
          {...words.field("confidence")}
        >
          {Array.from({ length: 10 }, (_, i) => i + 1).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        {words.error("confidence")}
      </label>
      <label>
        Note
        <textarea
          maxLength={2000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          {...words.field("note")}
        />
        {words.error("note")}
      </label>
      {words.message()}
      <div className="row">
        <button type="submit" className="button primary small" disabled={update.isPending}>
          {update.isPending ? "Saving…" : "Save correction"}
        </button>
        <button type="button" className="button small" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
