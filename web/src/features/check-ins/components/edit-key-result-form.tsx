import { useState } from "react";
import { ProblemMessage } from "../../../components/ui/states";
import { useFormWords } from "../../../components/ui/use-form-words";
import { inputScale } from "../../goals/components/key-result-value";
import { type KeyResult, useUpdateKeyResult } from "../api/check-ins";
import { KeyResultNumberField } from "./key-result-number-field";

/**
 * Fixes a key result's title, range or cadence, or archives it: it then leaves the dashboard,
 * the TV and this list, and its history is kept (decision 028).
 */
export function EditKeyResultForm({
  keyResult,
  goalId,
  onArchived,
}: {
  keyResult: KeyResult;
  goalId: string;
  onArchived: () => void;
}) {
  const scale = inputScale(keyResult.unit);
  const shown = (v: number) => String(Number((v * scale).toFixed(4)));
  const [title, setTitle] = useState(keyResult.title);
  const [start, setStart] = useState(shown(keyResult.start));
  const [target, setTarget] = useState(shown(keyResult.target));
  const [cadence, setCadence] = useState(String(keyResult.cadenceDays));
  const [archiving, setArchiving] = useState(false);
  const update = useUpdateKeyResult(goalId);
  const archive = useUpdateKeyResult(goalId);
  const words = useFormWords(update.error);
  const percent = keyResult.unit === "percent" ? " (%)" : "";

  const submit = () => {
    update.mutate({
      keyResult,
      changes: {
        title: title.trim(),
        start: Number(start) / scale,
        target: Number(target) / scale,
        ...(keyResult.metric === null && { cadenceDays: Number(cadence) }),
      },
    });
  };

  return (
    <form className="form-stack" {...words.form(submit)} aria-label={`Edit ${keyResult.title}`}>
      <label>
        Title
        <input
          required
          maxLength={160}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          {...words.field("title")}
        />
        {words.error("title")}
      </label>
      <div className="form-row">
        <KeyResultNumberField
          label={`Start${percent}`}
          path="start"
          words={words}
          value={start}
          onChange={setStart}
          step="any"
        />
        <KeyResultNumberField
          label={`Target${percent}`}
          path="target"
          words={words}
          value={target}
          onChange={setTarget}
          step="any"
        />
        {keyResult.metric === null && (
          <KeyResultNumberField
            label="Check in every (days)"
            path="cadenceDays"
            words={words}
            value={cadence}
            onChange={setCadence}
            min={1}
            max={90}
          />
        )}
      </div>
      {words.message()}
      {update.isSuccess && !update.isPending && (
        <p className="form-success" role="status">
          Saved.
        </p>
      )}
      <div className="row">
        <button type="submit" className="button primary small" disabled={update.isPending}>
          {update.isPending ? "Saving…" : "Save key result"}
        </button>
        {!archiving && (
          <button type="button" className="button small" onClick={() => setArchiving(true)}>
            Archive…
          </button>
        )}
      </div>
      {archiving && (
        <div className="notice" role="alert">
          <p>
            Archive {keyResult.title}? It leaves the dashboard, the TV and this list; its check-ins
            are kept.
          </p>
          <div className="row">
            <button
              type="button"
              className="button small danger"
              disabled={archive.isPending}
              onClick={() =>
                archive.mutate(
                  { keyResult, changes: { archived: true } },
                  { onSuccess: onArchived },
                )
              }
            >
              {archive.isPending ? "Archiving…" : "Archive it"}
            </button>
            <button type="button" className="button small" onClick={() => setArchiving(false)}>
              Keep it
            </button>
          </div>
          <ProblemMessage error={archive.error} />
        </div>
      )}
    </form>
  );
}
