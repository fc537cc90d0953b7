import { useId } from "react";
import { fieldMessage } from "../../../components/ui/field-error";
import type { FormWords } from "../../../components/ui/use-form-words";
import type { Formatters } from "../../../lib/format";
import { formatKeyResultValue, unitWords } from "../../goals/components/key-result-value";
import type { KeyResult } from "../api/check-ins";

/**
 * A check-in's value with its range as a hint, the API's refusal under it, and, when the value
 * is far outside the key result's range, the question whether it is right: ticking the box
 * sends it again with `confirm: true`.
 */
export function CheckInValueField({
  keyResult,
  format,
  value,
  onChange,
  words,
  confirmed,
  onConfirm,
}: {
  keyResult: KeyResult;
  format: Formatters;
  value: string;
  onChange: (value: string) => void;
  words: FormWords;
  confirmed: boolean;
  onConfirm: (confirmed: boolean) => void;
}) {
  const ids = useId();
  const far = fieldMessage(words.problem, "confirm");
  return (
    <div className="form-stack tight">
      <label>
        Current value ({unitWords[keyResult.unit]})
        <input
          type="number"
          step="any"
          required
          value={value}
          onChange={(e) => {
            onChange(e.target.value);
            onConfirm(false);
          }}
          {...words.field("value", { describedBy: `${ids}-hint` })}
          {...(far !== undefined ? { "aria-invalid": true } : {})}
        />
        <span id={`${ids}-hint`} className="field-hint">
          Target {formatKeyResultValue(keyResult.target, keyResult.unit, format)}, started at{" "}
          {formatKeyResultValue(keyResult.start, keyResult.unit, format)}
          {keyResult.unit === "percent" ? " (in percent: 25 for 25%)" : ""}.
        </span>
        {words.error("value")}
      </label>
      {far && (
        <div className="notice" role="alert">
          <p>{far.charAt(0).toUpperCase() + far.slice(1)}.</p>
          <label className="checkbox">
            <input
              type="checkbox"
              {...words.field("confirm")}
              aria-describedby={undefined}
              checked={confirmed}
              onChange={(e) => onConfirm(e.target.checked)}
            />
            Yes, this value is right
          </label>
        </div>
      )}
    </div>
  );
}
