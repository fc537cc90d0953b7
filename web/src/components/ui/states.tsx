import type { ReactNode } from "react";
import { ApiProblem, errorMessage } from "../../lib/api-client";

export function LoadingState({ label = "Loading…", rows = 3 }: { label?: string; rows?: number }) {
  return (
    <div className="loading-state" role="status" aria-live="polite">
      <span className="visually-hidden">{label}</span>
      {Array.from({ length: rows }, (_, index) => (
        <div
          // Placeholders have no identity beyond their position.
          // biome-ignore lint/suspicious/noArrayIndexKey: static skeleton rows
          key={index}
          className="skeleton"
          style={{ width: `${90 - index * 17}%` }}
          aria-hidden="true"
        />
      ))}
    </div>
  );
}

/** The API's own words, with a retry when retrying can help. */
export function ErrorState({
  error,
  onRetry,
  title = "This could not be loaded",
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  const retryable = !(error instanceof ApiProblem) || error.status === 0 || error.status >= 500;
  return (
    <div className="error-state" role="alert">
      <p className="error-state-title">{title}</p>
      <p className="error-state-detail">{errorMessage(error)}</p>
      {onRetry && retryable && (
        <button type="button" className="button small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function EmptyState({
  title,
  children,
  action,
}: {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="empty-state">
      <p className="empty-state-title">{title}</p>
      {children && <div className="empty-state-body">{children}</div>}
      {action && <div className="empty-state-action">{action}</div>}
    </div>
  );
}

/** A problem with field errors: the summary line, then each field's message. */
export function ProblemMessage({ error }: { error: unknown }) {
  if (!error) return null;
  const fields = error instanceof ApiProblem ? error.errors : [];
  return (
    <div className="form-error" role="alert">
      <p>{errorMessage(error)}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map((field) => (
            <li key={`${field.index ?? ""}:${field.path}:${field.message}`}>
              {field.path ? <code>{field.path}</code> : null} {field.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
