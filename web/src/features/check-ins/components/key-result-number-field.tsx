import type { InputHTMLAttributes, ReactNode } from "react";
import type { FormWords } from "../../../components/ui/use-form-words";

/**
 * A required number of a key-result form (start, target, cadence), with its error in words
 * under it. The new and the edit forms share it so they never drift apart.
 */
export function KeyResultNumberField({
  label,
  path,
  words,
  value,
  onChange,
  ...input
}: {
  label: ReactNode;
  path: string;
  words: FormWords;
  value: string;
  onChange: (value: string) => void;
} & Pick<InputHTMLAttributes<HTMLInputElement>, "min" | "max" | "step">) {
  return (
    <label>
      {label}
      <input
        type="number"
        required
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...words.field(path)}
        {...input}
      />
      {words.error(path)}
    </label>
  );
}
