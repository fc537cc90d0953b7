import { useId } from "react";
import type { FormWords } from "../../../components/ui/use-form-words";

/**
 * A what-if control: a slider for feel and a number box for precision, kept in step. Both are
 * labelled, so keyboard and screen-reader users get the same control.
 */
export function SliderField({
  label,
  value,
  onChange,
  min,
  max,
  step,
  unit,
  display,
  owner,
  disabled,
  hint,
  path,
  words,
}: {
  label: string;
  value: number;
  onChange: (value: number) => void;
  min: number;
  max: number;
  step: number;
  /** Shown after the number box: "%", "USD", "leads". */
  unit: string;
  /** The value in words for screen readers and the heading line: "25.0%". */
  display: string;
  owner?: { label: string; tone: "marketing" | "sales" | "both" };
  disabled?: boolean;
  hint?: string;
  /** The API's path for this value ("plan.leadToMql"): its error shows under the field. */
  path?: string;
  words?: FormWords;
}) {
  const id = useId();
  const numberId = `${id}-number`;
  return (
    <div className="slider-field">
      <div className="slider-label">
        <label htmlFor={id}>
          {label}
          {owner && (
            <span className={`slider-owner owner-text-${owner.tone}`}> · {owner.label}</span>
          )}
        </label>
        <span className="strong">{display}</span>
      </div>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={Math.min(max, Math.max(min, value))}
        aria-valuetext={display}
        disabled={disabled}
        onChange={(e) => onChange(Number(e.target.value))}
      />
      <div className="row">
        <label htmlFor={numberId} className="visually-hidden">
          {label} ({unit})
        </label>
        {/* The slider's range and step are for feel; the box takes any value the API takes. */}
        <input
          id={numberId}
          type="number"
          min={0}
          step="any"
          {...(path && words ? words.field(path) : {})}
          value={Number.isFinite(value) ? value : ""}
          disabled={disabled}
          onChange={(e) => {
            const next = e.target.valueAsNumber;
            onChange(Number.isNaN(next) ? 0 : next);
          }}
          style={{ width: "100%" }}
        />
        <span className="muted small slider-unit" aria-hidden="true">
          {unit}
        </span>
      </div>
      {path && words && <div style={{ gridColumn: "1 / -1" }}>{words.error(path)}</div>}
      {hint && (
        <p className="field-hint" style={{ gridColumn: "1 / -1" }}>
          {hint}
        </p>
      )}
    </div>
  );
}
