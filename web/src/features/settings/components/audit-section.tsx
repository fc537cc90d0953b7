import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Card } from "../../../components/ui/card";
import { EmptyState, ErrorState, LoadingState } from "../../../components/ui/states";
import type { Formatters } from "../../../lib/format";
import { type AuditFilters, type AuditKind, auditKindLabels, auditQuery } from "../api/audit";
import { membersQuery } from "../api/members";

function isKind(value: string): value is AuditKind {
  return Object.hasOwn(auditKindLabels, value);
}

const kinds = Object.keys(auditKindLabels).filter(isKind);

/** Who changed what, in sentences, with filters by person, kind and day. */
export function AuditSection({ format }: { format: Formatters }) {
  const [filters, setFilters] = useState<AuditFilters>({});
  const audit = useInfiniteQuery(auditQuery(filters));
  const people = useQuery(membersQuery);
  // An emptied field drops out of the query instead of asking for "".
  const set = (changes: AuditFilters) =>
    setFilters((old) => {
      const { actor, kind, from, to } = { ...old, ...changes };
      return {
        ...(actor && { actor }),
        ...(kind && { kind }),
        ...(from && { from }),
        ...(to && { to }),
      };
    });
  const entries = audit.data?.pages.flatMap((p) => p.entries) ?? [];

  return (
    <Card id="audit" title="Audit log" description="Who changed what, newest first.">
      <form
        className="form-row"
        style={{ marginBottom: "0.75rem" }}
        aria-label="Filter the audit log"
        // Filters apply as they change; there is nothing to send or to check.
        noValidate
        onSubmit={(e) => e.preventDefault()}
      >
        <label className="field">
          Person
          <select value={filters.actor ?? ""} onChange={(e) => set({ actor: e.target.value })}>
            <option value="">Everyone</option>
            {(people.data?.members ?? []).map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Kind
          <select
            value={filters.kind ?? ""}
            onChange={(e) => set({ kind: isKind(e.target.value) ? e.target.value : undefined })}
          >
            <option value="">Every kind</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {auditKindLabels[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          From
          <input
            type="date"
            value={filters.from ?? ""}
            max={filters.to}
            onChange={(e) => set({ from: e.target.value })}
          />
        </label>
        <label className="field">
          To
          <input
            type="date"
            value={filters.to ?? ""}
            min={filters.from}
            onChange={(e) => set({ to: e.target.value })}
          />
        </label>
      </form>
      {audit.isPending ? (
        <LoadingState rows={3} />
      ) : audit.isError ? (
        <ErrorState error={audit.error} onRetry={() => audit.refetch()} />
      ) : entries.length === 0 ? (
        <EmptyState
          title={Object.keys(filters).length > 0 ? "Nothing matches" : "Nothing changed yet"}
        >
          {Object.keys(filters).length > 0 ? "No change matches these filters." : null}
        </EmptyState>
      ) : (
        <>
          <ol
            className="feed audit-feed"
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scroll container must be focusable
            tabIndex={0}
            aria-label="Audit log entries"
          >
            {entries.map((entry) => (
              <li key={entry.id} className="feed-item">
                <p className="feed-title">{entry.summary}</p>
                <time className="muted small" dateTime={entry.createdAt}>
                  {format.dateTime(entry.createdAt)}
                </time>
              </li>
            ))}
          </ol>
          {audit.hasNextPage && (
            <button
              type="button"
              className="button small"
              disabled={audit.isFetchingNextPage}
              onClick={() => audit.fetchNextPage()}
            >
              {audit.isFetchingNextPage ? "Loading…" : "Show older changes"}
            </button>
          )}
        </>
      )}
    </Card>
  );
}
