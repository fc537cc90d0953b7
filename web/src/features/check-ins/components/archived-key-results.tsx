import { useQuery } from "@tanstack/react-query";
import { ProblemMessage } from "../../../components/ui/states";
import type { Formatters } from "../../../lib/format";
import type { Me } from "../../organization/api/organization";
import { hasRole } from "../../organization/api/organization";
import {
  type ArchivedKeyResult,
  archivedKeyResultsQuery,
  useRestoreKeyResult,
} from "../api/check-ins";

/** A lead restores their own team's key results; executives and owners any team's. */
function canRestore(keyResult: ArchivedKeyResult, me: Me): boolean {
  return hasRole(me.role, "exec") || (me.role === "lead" && me.team?.id === keyResult.team.id);
}

/**
 * The goal's archived key results, folded away under the list, each with Restore: archiving is
 * undone here, history and all (decision 028). Nothing shows while none is archived.
 */
export function ArchivedKeyResults({
  goalId,
  me,
  format,
  onRestored,
}: {
  goalId: string;
  me: Me;
  format: Formatters;
  onRestored: (id: string) => void;
}) {
  const archived = useQuery(archivedKeyResultsQuery(goalId));
  const restore = useRestoreKeyResult(goalId);
  const list = archived.data ?? [];
  if (list.length === 0) return null;
  return (
    <details className="more">
      <summary>Archived ({list.length})</summary>
      <ul className="archived-list">
        {list.map((keyResult) => (
          <li key={keyResult.id}>
            <span>
              <strong>{keyResult.title}</strong>
              <span className="muted">
                {" "}
                · {keyResult.team.name} · archived {format.dateTime(keyResult.archivedAt)}
              </span>
            </span>
            {canRestore(keyResult, me) && (
              <button
                type="button"
                className="button small"
                aria-label={`Restore ${keyResult.title}`}
                disabled={restore.isPending}
                onClick={() =>
                  restore.mutate(keyResult, { onSuccess: (restored) => onRestored(restored.id) })
                }
              >
                {restore.isPending && restore.variables?.id === keyResult.id
                  ? "Restoring…"
                  : "Restore"}
              </button>
            )}
          </li>
        ))}
      </ul>
      <ProblemMessage error={restore.error} />
    </details>
  );
}
