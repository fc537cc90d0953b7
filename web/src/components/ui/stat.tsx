import type { ReactNode } from "react";

export function Stat({
  label,
  value,
  hint,
  tone,
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  tone?: "positive" | "negative";
}) {
  return (
    <div className="stat">
      <dt className="stat-label">{label}</dt>
      <dd className={`stat-value${tone ? ` ${tone}` : ""}`}>{value}</dd>
      {hint && <dd className="stat-hint">{hint}</dd>}
    </div>
  );
}
