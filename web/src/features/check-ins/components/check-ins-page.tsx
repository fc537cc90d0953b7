import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "react-router";
import { useOrg } from "../../../app/org-context";
import { Card } from "../../../components/ui/card";
import { PageHeader } from "../../../components/ui/page-header";
import { EmptyState, ErrorState, LoadingState } from "../../../components/ui/states";
import { useCurrentGoal } from "../../goals/api/goals";
import { GoalPicker } from "../../goals/components/goal-picker";
import { hasRole, type Me } from "../../organization/api/organization";
import { type KeyResult, keyResultsQuery } from "../api/check-ins";
import { ArchivedKeyResults } from "./archived-key-results";
import { KeyResultDetail } from "./key-result-detail";
import { type KeyResultGroup, KeyResultList } from "./key-result-list";
import { NewKeyResultForm } from "./new-key-result-form";

/** The reader's own team first, then the rest by team; overdue ones first within each. */
export function groupKeyResults(keyResults: KeyResult[], me: Me): KeyResultGroup[] {
  const byUrgency = (a: KeyResult, b: KeyResult) =>
    Number(b.overdue) - Number(a.overdue) || a.team.name.localeCompare(b.team.name);
  const own = me.team ? keyResults.filter((kr) => kr.team.id === me.team?.id) : [];
  const others = keyResults.filter((kr) => !own.includes(kr));
  const groups: KeyResultGroup[] = [];
  if (own.length > 0 && me.team) {
    groups.push({ label: `Your team: ${me.team.name}`, keyResults: [...own].sort(byUrgency) });
  }
  if (others.length > 0) {
    groups.push({
      label: own.length > 0 ? "Other teams" : "All teams",
      keyResults: [...others].sort(byUrgency),
    });
  }
  return groups;
}

function permission(kr: KeyResult, me: Me): { can: boolean; why: string } {
  if (hasRole(me.role, "exec")) return { can: true, why: "" };
  if (me.role === "lead" && me.team?.id === kr.team.id) return { can: true, why: "" };
  if (me.role === "lead") {
    return {
      can: false,
      why: `Only ${kr.team.name}'s lead, an executive or an owner checks in on this key result.`,
    };
  }
  return {
    can: false,
    why: "Team leads, executives and owners check in; you can read the history.",
  };
}

export function CheckInsPage() {
  const { me, format } = useOrg();
  const { goals, goal, select } = useCurrentGoal(me.organization.timezone);
  const keyResults = useQuery({ ...keyResultsQuery(goal?.id ?? ""), enabled: goal !== null });
  const [params, setParams] = useSearchParams();
  const canAdd = hasRole(me.role, "lead");
  const choose = (id: string) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        next.set("kr", id);
        return next;
      },
      { replace: true },
    );

  const header = (
    <PageHeader
      title="Check-ins"
      description="Each team's key results under the shared goal: the value, your confidence and a note, weekly."
      actions={
        goals.data && goal ? (
          <GoalPicker goals={goals.data} value={goal.id} onChange={select} />
        ) : null
      }
    />
  );
  if (goals.isPending || (goal && keyResults.isPending)) {
    return (
      <>
        {header}
        <LoadingState rows={6} />
      </>
    );
  }
  if (goals.isError) {
    return (
      <>
        {header}
        <ErrorState error={goals.error} onRetry={() => goals.refetch()} />
      </>
    );
  }
  if (!goal) {
    return (
      <>
        {header}
        <EmptyState title="No goal yet">
          Key results hang under the shared revenue goal. An executive creates it on the Plan page.
        </EmptyState>
      </>
    );
  }
  if (keyResults.isError) {
    return (
      <>
        {header}
        <ErrorState error={keyResults.error} onRetry={() => keyResults.refetch()} />
      </>
    );
  }
  const list = keyResults.data ?? [];
  if (list.length === 0) {
    return (
      <>
        {header}
        <div className="grid">
          <Card
            span={7}
            title="No key results yet"
            description={`Each team adds the results it commits to under ${goal.name}; they appear here for weekly check-ins.`}
          >
            {canAdd ? (
              <NewKeyResultForm goalId={goal.id} me={me} onCreated={choose} />
            ) : (
              <p className="field-hint">Team leads, executives and owners add key results.</p>
            )}
            <ArchivedKeyResults goalId={goal.id} me={me} format={format} onRestored={choose} />
          </Card>
        </div>
      </>
    );
  }
  const groups = groupKeyResults(list, me);
  const requested = params.get("kr");
  const selected =
    list.find((kr) => kr.id === requested) ?? groups[0]?.keyResults[0] ?? list[0] ?? null;
  const overdue = list.filter((kr) => kr.overdue).length;

  return (
    <>
      {header}
      {overdue > 0 && (
        <p className="notice" role="status" style={{ marginBottom: "1rem" }}>
          {overdue === 1 ? "One key result is" : `${overdue} key results are`} overdue for a
          check-in.
        </p>
      )}
      <div className="grid">
        <Card span={5} title="Key results" description={`${list.length} under ${goal.name}`}>
          <KeyResultList
            groups={groups}
            selectedId={selected?.id ?? null}
            onSelect={(id) => {
              choose(id);
              // On a phone the detail sits under the list: bring its form into view.
              if (window.matchMedia("(max-width: 699px)").matches) {
                requestAnimationFrame(() =>
                  document.getElementById("key-result-detail")?.scrollIntoView({ block: "start" }),
                );
              }
            }}
            format={format}
          />
          {canAdd && (
            <details className="more">
              <summary>Add a key result</summary>
              <NewKeyResultForm goalId={goal.id} me={me} onCreated={choose} />
            </details>
          )}
          <ArchivedKeyResults goalId={goal.id} me={me} format={format} onRestored={choose} />
        </Card>
        {selected && (
          <KeyResultDetail
            keyResult={selected}
            goalId={goal.id}
            format={format}
            canCheckIn={permission(selected, me).can}
            whyNot={permission(selected, me).why}
            onReload={() => keyResults.refetch()}
            reloading={keyResults.isFetching}
            onArchived={() =>
              setParams(
                (previous) => {
                  const next = new URLSearchParams(previous);
                  next.delete("kr");
                  return next;
                },
                { replace: true },
              )
            }
          />
        )}
      </div>
    </>
  );
}
