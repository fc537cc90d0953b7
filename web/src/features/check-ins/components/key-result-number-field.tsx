import type { InputHTMLAttributes, ReactNode } from "react";
import { FieldError } from "../../../components/ui/field-error";

/**
 * A required number of a key-result form (start, target, cadence), with the API's error for
 * its field in words under it. The new and the edit forms share it so they never drift apart.
 */
export function KeyResultNumberField({
  label,
  path,
  idPrefix,
  error,
  value,
  onChange,
  ...input
}: {
  label: ReactNode;
  path: string;
  idPrefix: string;
  error: unknown;
  value: string;
  onChange: (value: string) => void;
} & Pick<InputHTMLAttributes<HTMLInputElement>, "min" | "max" | "step">) {
  const id = `${idPrefix}-${path}`;
  return (
    <label>
      {label}
      <input
        type="number"
        required
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={id}
        {...input}
      />
      <FieldError error={error} path={path} id={id} />
    </label>
  );
}
