import { fieldSentence } from "@tandem/api/words";
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

/**
 * A failed save in words. Field errors the form shows next to their fields (`placed`) are not
 * repeated; any other field error is one sentence with the field's label; with no field
 * errors, the API's detail.
 */
export function ProblemMessage({
  error,
  placed = [],
}: {
  error: unknown;
  placed?: readonly string[];
}) {
  if (!error) return null;
  const fields = error instanceof ApiProblem ? error.errors : [];
  const elsewhere = fields.filter((field) => !placed.includes(field.path));
  return (
    <div className="form-error" role="alert">
      {fields.length === 0 ? (
        <p>{errorMessage(error)}</p>
      ) : elsewhere.length === 0 ? (
        <p>
          Not saved: {fields.length === 1 ? "one field needs" : `${fields.length} fields need`} a
          change (marked above).
        </p>
      ) : elsewhere.length === 1 && fields.length === 1 ? (
        <p>{sentenceOf(elsewhere[0])}</p>
      ) : (
        <ul>
          {elsewhere.map((field) => (
            <li key={`${field.index ?? ""}:${field.path}:${field.message}`}>{sentenceOf(field)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function sentenceOf(field: ApiProblem["errors"][number] | undefined): string {
  if (!field) return "";
  const where =
    field.line !== undefined
      ? `Line ${field.line}: `
      : field.index !== undefined
        ? `Record ${field.index + 1}: `
        : "";
  return `${where}${fieldSentence(field)}`;
}
