import { useState } from "react";

/** A secret shown once, with a copy button; after this screen it cannot be read again. */
export function SecretOnce({ label, value, note }: { label: string; value: string; note: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="secret-box" role="status">
      <div style={{ width: "100%" }}>
        <strong>{label}</strong> <span className="muted small">{note}</span>
      </div>
      <code data-testid="secret-value">{value}</code>
      <button
        type="button"
        className="button small"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(value);
            setCopied(true);
          } catch {
            setCopied(false);
          }
        }}
      >
        {copied ? "Copied" : "Copy"}
      </button>
    </div>
  );
}
