import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router";
import { useOrg } from "../../../app/org-context";
import { PageHeader } from "../../../components/ui/page-header";
import { ErrorState, LoadingState } from "../../../components/ui/states";
import { todayIn } from "../../../lib/format";
import { LagAwareFunnelCard } from "../../forecast/components/lag-aware-funnel-card";
import {
  type Goal,
  goalQuery,
  useCreateGoal,
  useCurrentGoal,
  usePatchGoal,
} from "../../goals/api/goals";
import { GoalPicker } from "../../goals/components/goal-picker";
import { hasRole } from "../../organization/api/organization";
import type { PlanDraft } from "../what-if";
import { NextPeriodCard } from "./next-period-card";
import { changesOf, draftOf, newGoalOf, PlanEditor } from "./plan-editor";

/** The calendar quarter holding `today`, as the first goal's suggested period. */
function quarterOf(today: string): { startsOn: string; endsOn: string; name: string } {
  const year = Number(today.slice(0, 4));
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3);
  const startMonth = quarter * 3 + 1;
  const endMonth = startMonth + 2;
  const lastDay = new Date(Date.UTC(year, endMonth, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, "0");
  return {
    startsOn: `${year}-${pad(startMonth)}-01`,
    endsOn: `${year}-${pad(endMonth)}-${pad(lastDay)}`,
    name: `Q${quarter + 1} ${year} shared revenue`,
  };
}

export function PlanPage() {
  const { me, format } = useOrg();
  const { goals, goal, select } = useCurrentGoal(me.organization.timezone);
  const canSave = hasRole(me.role, "exec");

  if (goals.isPending) {
    return (
      <>
        <PageHeader title="Plan" />
        <LoadingState rows={6} />
      </>
    );
  }
  if (goals.isError) {
    return (
      <>
        <PageHeader title="Plan" />
        <ErrorState error={goals.error} onRetry={() => goals.refetch()} />
      </>
    );
  }
  if (!goal) return <CreateFirstGoal canSave={canSave} />;
  return (
    <>
      <PageHeader
        title="Plan"
        description="The shared target and the funnel that reaches it. Try what-ifs with the sliders; save when the plan is agreed."
        actions={<GoalPicker goals={goals.data} value={goal.id} onChange={select} />}
      />
      <EditGoal goalId={goal.id} fallback={goal} canSave={canSave} />
      {canSave && (
        <div className="grid" style={{ marginTop: "1rem" }}>
          <NextPeriodCard goal={goal} goals={goals.data} format={format} onOpen={select} />
        </div>
      )}
    </>
  );
}

function EditGoal({
  goalId,
  fallback,
  canSave,
}: {
  goalId: string;
  fallback: Goal;
  canSave: boolean;
}) {
  const { format } = useOrg();
  const detail = useQuery(goalQuery(goalId));
  const patch = usePatchGoal(goalId);
  const [reloads, setReloads] = useState(0);
  const goal = detail.data ?? fallback;

  const save = ({
    draft,
    base,
    baseVersion,
  }: {
    draft: PlanDraft;
    base: PlanDraft;
    baseVersion: number;
  }) => patch.mutate({ version: baseVersion, changes: changesOf(base, draft) });

  const reload = async () => {
    await detail.refetch();
    patch.reset();
    setReloads((n) => n + 1);
  };

  if (detail.isError && !detail.data) {
    return <ErrorState error={detail.error} onRetry={() => detail.refetch()} />;
  }
  return (
    <>
      <PlanEditor
        // A reload starts the editor again from the fresh version, dropping stale edits.
        key={`${goal.id}:${reloads}`}
        goal={goal}
        initial={draftOf(goal)}
        format={format}
        canSave={canSave}
        saveLabel="Save plan"
        onSave={save}
        saving={patch.isPending}
        error={patch.error}
        saved={patch.isSuccess}
        onReload={reload}
        reloading={detail.isFetching}
      />
      <div className="grid plan-lag">
        <LagAwareFunnelCard goalId={goal.id} format={format} />
      </div>
    </>
  );
}

function CreateFirstGoal({ canSave }: { canSave: boolean }) {
  const { me, format } = useOrg();
  const create = useCreateGoal();
  const navigate = useNavigate();
  const period = quarterOf(todayIn(me.organization.timezone));
  const initial: PlanDraft = {
    ...period,
    target: 1_000_000,
    leads: null,
    leadToMql: 0.25,
    mqlToSql: 0.3,
    sqlToWon: 0.25,
    avgDealSize: 25_000,
    pacing: "linear",
  };
  return (
    <>
      <PageHeader
        title="Plan"
        description={
          canSave
            ? "Create the shared revenue goal: one target for the period and the funnel that reaches it. Adjust the assumptions and see what the target takes."
            : "No goal yet. An executive or owner creates it; you can try what-ifs meanwhile."
        }
      />
      <PlanEditor
        goal={null}
        initial={initial}
        format={format}
        canSave={canSave}
        saveLabel="Create goal"
        onSave={({ draft }) =>
          create.mutate(newGoalOf(draft), {
            onSuccess: (goal) => navigate(`/?goal=${encodeURIComponent(goal.id)}`),
          })
        }
        saving={create.isPending}
        error={create.error}
        saved={create.isSuccess}
      />
    </>
  );
}
