import { useId } from "react";
import { FieldError, fieldMessage } from "../../../components/ui/field-error";
import type { Formatters } from "../../../lib/format";
import { formatKeyResultValue, unitWords } from "../../goals/components/key-result-value";
import type { KeyResult } from "../api/check-ins";

/** The paths a check-in form shows next to its fields (the rest go in its summary). */
export const checkInFields = ["value", "confidence", "note", "confirm"] as const;

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
  error,
  confirmed,
  onConfirm,
}: {
  keyResult: KeyResult;
  format: Formatters;
  value: string;
  onChange: (value: string) => void;
  error: unknown;
  confirmed: boolean;
  onConfirm: (confirmed: boolean) => void;
}) {
  const ids = useId();
  const far = fieldMessage(error, "confirm");
  const wrong = fieldMessage(error, "value");
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
          aria-invalid={wrong || far ? true : undefined}
          aria-describedby={`${ids}-hint ${ids}-error`}
        />
        <span id={`${ids}-hint`} className="field-hint">
          Target {formatKeyResultValue(keyResult.target, keyResult.unit, format)}, started at{" "}
          {formatKeyResultValue(keyResult.start, keyResult.unit, format)}
          {keyResult.unit === "percent" ? " (in percent: 25 for 25%)" : ""}.
        </span>
        <FieldError error={error} path="value" id={`${ids}-error`} />
      </label>
      {far && (
        <div className="notice" role="alert">
          <p>{far.charAt(0).toUpperCase() + far.slice(1)}.</p>
          <label className="checkbox">
            <input
              type="checkbox"
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
