import { useId, useState } from "react";
import { useFormWords } from "../../../components/ui/use-form-words";
import { isProblem } from "../../../lib/api-client";
import type { Formatters } from "../../../lib/format";
import { formatKeyResultValue, inputScale } from "../../goals/components/key-result-value";
import { type KeyResult, useCreateCheckIn } from "../api/check-ins";
import { CheckInValueField } from "./check-in-value-field";

/**
 * The weekly check-in: the value (for key results kept by hand), confidence and a note, in
 * one short form. A check-in by someone else in between is refused with 412; the entries
 * stay, and a reload brings the newer version to submit on.
 */
export function CheckInForm({
  keyResult,
  goalId,
  format,
  onReload,
  reloading,
}: {
  keyResult: KeyResult;
  goalId: string;
  format: Formatters;
  onReload: () => void;
  reloading: boolean;
}) {
  const manual = keyResult.metric === null;
  const scale = inputScale(keyResult.unit);
  const [value, setValue] = useState<string>(
    manual && keyResult.current !== null
      ? String(Number((keyResult.current * scale).toFixed(4)))
      : "",
  );
  const [confidence, setConfidence] = useState<number>(keyResult.confidence ?? 7);
  const [note, setNote] = useState("");
  const [confirmed, setConfirmed] = useState(false);
  const create = useCreateCheckIn(goalId);
  const ids = useId();
  const words = useFormWords(create.error);
  const stale = isProblem(create.error, "precondition_failed");

  const submit = () => {
    const parsed = Number(value);
    create.mutate(
      {
        keyResult,
        body: {
          confidence,
          note: note.trim(),
          ...(confirmed && { confirm: true }),
          ...(manual &&
            value.trim() !== "" &&
            Number.isFinite(parsed) && { value: parsed / scale }),
        },
      },
      {
        onSuccess: () => {
          setNote("");
          setConfirmed(false);
        },
      },
    );
  };

  return (
    <form
      className="form-stack"
      {...words.form(submit)}
      aria-label={`Check in on ${keyResult.title}`}
    >
      {manual ? (
        <CheckInValueField
          keyResult={keyResult}
          format={format}
          value={value}
          onChange={setValue}
          words={words}
          confirmed={confirmed}
          onConfirm={setConfirmed}
        />
      ) : (
        <p className="field-hint">
          The value comes from the funnel (
          {formatKeyResultValue(keyResult.current, keyResult.unit, format)} now): check in with your
          confidence and a note.
        </p>
      )}
      <fieldset className="confidence-scale">
        <legend>Confidence of reaching the target (1 = no chance, 10 = certain)</legend>
        {Array.from({ length: 10 }, (_, index) => index + 1).map((n) => (
          <label key={n} className="confidence-option">
            <input
              type="radio"
              name={`${ids}-confidence`}
              value={n}
              checked={confidence === n}
              onChange={() => setConfidence(n)}
              aria-label={`Confidence ${n} of 10`}
            />
            <span aria-hidden="true">{n}</span>
          </label>
        ))}
      </fieldset>
      <label>
        Note
        <textarea
          maxLength={2000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder="What moved, what is blocking, what you need from the other team"
          {...words.field("note")}
        />
        {words.error("note")}
      </label>
      {stale ? (
        <div className="notice" role="alert">
          <p>
            <strong>Not saved: someone checked in on this key result since you opened it.</strong>{" "}
            Reload to see their check-in; what you entered stays here.
          </p>
          <button
            type="button"
            className="button small"
            disabled={reloading}
            onClick={() => {
              create.reset();
              onReload();
            }}
          >
            {reloading ? "Reloading…" : "Reload"}
          </button>
        </div>
      ) : (
        words.message()
      )}
      {create.isSuccess && !create.isPending && (
        <p className="form-success" role="status">
          Checked in. The dashboard shows it now.
        </p>
      )}
      <div className="row">
        <button type="submit" className="button primary" disabled={create.isPending}>
          {create.isPending ? "Checking in…" : "Check in"}
        </button>
      </div>
    </form>
  );
}
