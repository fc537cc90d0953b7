import { useEffect, useMemo, useState } from "react";
import { Card } from "../../../components/ui/card";
import { useFormWords } from "../../../components/ui/use-form-words";
import { isProblem } from "../../../lib/api-client";
import type { Formatters } from "../../../lib/format";
import type { Goal, GoalChanges, NewGoal } from "../../goals/api/goals";
import { computeWhatIf, type PlanDraft } from "../what-if";
import { ReverseFunnelCard } from "./reverse-funnel-card";
import { SliderField } from "./slider-field";

export function draftOf(goal: Goal): PlanDraft {
  return {
    name: goal.name,
    startsOn: goal.startsOn,
    endsOn: goal.endsOn,
    target: goal.target,
    leads: goal.plan.leadsDerived ? null : goal.plan.leads,
    leadToMql: goal.plan.leadToMql,
    mqlToSql: goal.plan.mqlToSql,
    sqlToWon: goal.plan.sqlToWon,
    avgDealSize: goal.plan.avgDealSize,
    pacing: goal.pacing,
  };
}

/** Only what changed, so a save never rewrites a field someone else owns. */
export function changesOf(base: PlanDraft, draft: PlanDraft): GoalChanges {
  const plan: NonNullable<GoalChanges["plan"]> = {};
  if (draft.leads !== base.leads) plan.leads = draft.leads;
  if (draft.leadToMql !== base.leadToMql) plan.leadToMql = draft.leadToMql;
  if (draft.mqlToSql !== base.mqlToSql) plan.mqlToSql = draft.mqlToSql;
  if (draft.sqlToWon !== base.sqlToWon) plan.sqlToWon = draft.sqlToWon;
  if (draft.avgDealSize !== base.avgDealSize) plan.avgDealSize = draft.avgDealSize;
  return {
    ...(draft.name !== base.name && { name: draft.name }),
    ...(draft.startsOn !== base.startsOn && { startsOn: draft.startsOn }),
    ...(draft.endsOn !== base.endsOn && { endsOn: draft.endsOn }),
    ...(draft.target !== base.target && { target: draft.target }),
    ...(draft.pacing !== base.pacing && { pacing: draft.pacing }),
    ...(Object.keys(plan).length > 0 && { plan }),
  };
}

export function newGoalOf(draft: PlanDraft): NewGoal {
  return {
    name: draft.name,
    startsOn: draft.startsOn,
    endsOn: draft.endsOn,
    target: draft.target,
    pacing: draft.pacing,
    plan: {
      ...(draft.leads !== null && { leads: draft.leads }),
      leadToMql: draft.leadToMql,
      mqlToSql: draft.mqlToSql,
      sqlToWon: draft.sqlToWon,
      avgDealSize: draft.avgDealSize,
    },
  };
}

function sameDraft(a: PlanDraft, b: PlanDraft): boolean {
  return Object.keys(changesOf(a, b)).length === 0;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

/** A slider's range around the saved value, fixed while the reader drags. */
function moneyRange(saved: number): { min: number; max: number; step: number } {
  const reference = Math.max(saved, 1);
  const step = 10 ** Math.max(0, Math.floor(Math.log10(reference)) - 2);
  return { min: step, max: Math.ceil((reference * 3) / step) * step, step };
}

interface PlanEditorProps {
  /** The saved goal, or null when creating the first one. */
  goal: Goal | null;
  initial: PlanDraft;
  format: Formatters;
  canSave: boolean;
  saveLabel: string;
  onSave: (payload: { draft: PlanDraft; base: PlanDraft; baseVersion: number }) => void;
  saving: boolean;
  error: unknown;
  saved: boolean;
  /** After a 412: fetch the latest version and start again from it. */
  onReload?: () => void;
  reloading?: boolean;
}

export function PlanEditor({
  goal,
  initial,
  format,
  canSave,
  saveLabel,
  onSave,
  saving,
  error,
  saved,
  onReload,
  reloading,
}: PlanEditorProps) {
  const [state, setState] = useState(() => ({
    base: initial,
    baseVersion: goal?.version ?? 0,
    draft: initial,
  }));
  const { base, baseVersion, draft } = state;
  const dirty = !sameDraft(base, draft);

  // A newer version arrived (our own save, a reload, or someone else's change): take it when
  // nothing is being edited; with edits in progress, keep them and say so below.
  useEffect(() => {
    if (!goal || goal.version === baseVersion) return;
    const fresh = draftOf(goal);
    // Taken when nothing is being edited, or when it holds exactly what is being edited (our
    // own save coming back).
    setState((current) =>
      sameDraft(current.base, current.draft) || sameDraft(fresh, current.draft)
        ? { base: fresh, baseVersion: goal.version, draft: fresh }
        : current,
    );
  }, [goal, baseVersion]);

  const update = (changes: Partial<PlanDraft>) =>
    setState((current) => ({ ...current, draft: { ...current.draft, ...changes } }));

  const whatIf = useMemo(
    () => computeWhatIf(draft, format.minorDigits),
    [draft, format.minorDigits],
  );
  const savedWhatIf = useMemo(
    () => (goal ? computeWhatIf(base, format.minorDigits) : null),
    [goal, base, format.minorDigits],
  );
  const targetRange = useMemo(() => moneyRange(initial.target), [initial.target]);
  const dealRange = useMemo(() => moneyRange(initial.avgDealSize), [initial.avgDealSize]);
  // The leads slider's range follows the saved plan, so it does not move under the thumb.
  const leadsMax = useMemo(() => {
    const needed = computeWhatIf(base, format.minorDigits).required.leads;
    return Number.isFinite(needed) ? Math.max(100, Math.ceil((needed * 3) / 100) * 100) : 100_000;
  }, [base, format.minorDigits]);
  const stale = isProblem(error, "precondition_failed");
  const changedElsewhere = goal !== null && goal.version !== baseVersion && dirty;

  const words = useFormWords(stale ? null : error);
  const submit = () => onSave({ draft, base, baseVersion });
  const reset = () => setState((current) => ({ ...current, draft: current.base }));
  const pct = (v: number) => format.percent(v);

  return (
    <form className="grid" {...words.form(submit)} aria-label="Plan">
      <Card
        span={5}
        title="Target and funnel assumptions"
        description="Move a slider to see what it takes; nothing is saved until you save."
      >
        <div className="form-stack">
          <label>
            Goal name
            <input
              required
              maxLength={120}
              value={draft.name}
              disabled={!canSave}
              onChange={(e) => update({ name: e.target.value })}
              {...words.field("name")}
            />
            {words.error("name")}
          </label>
          <div className="form-row">
            <label>
              Starts on
              <input
                type="date"
                required
                value={draft.startsOn}
                disabled={!canSave}
                onChange={(e) => update({ startsOn: e.target.value })}
                {...words.field("startsOn")}
              />
              {words.error("startsOn")}
            </label>
            <label>
              Ends on
              <input
                type="date"
                required
                value={draft.endsOn}
                min={draft.startsOn}
                disabled={!canSave}
                onChange={(e) => update({ endsOn: e.target.value })}
                {...words.field("endsOn")}
              />
              {words.error("endsOn")}
            </label>
            <label>
              Pacing
              <select
                value={draft.pacing}
                disabled={!canSave}
                onChange={(e) =>
                  update({ pacing: e.target.value === "historical" ? "historical" : "linear" })
                }
                {...words.field("pacing")}
              >
                <option value="linear">Linear</option>
                <option value="historical">Historical</option>
              </select>
              {words.error("pacing")}
            </label>
          </div>
        </div>
        <div style={{ marginTop: "0.5rem" }}>
          <SliderField
            label="Revenue target"
            value={draft.target}
            display={format.money(draft.target)}
            unit={format.currency}
            {...targetRange}
            onChange={(v) => update({ target: v })}
            path="target"
            words={words}
          />
          <SliderField
            label="Lead → MQL"
            owner={{ label: "Marketing", tone: "marketing" }}
            value={round(draft.leadToMql * 100, 1)}
            display={pct(draft.leadToMql)}
            unit="%"
            min={0.5}
            max={100}
            step={0.1}
            onChange={(v) => update({ leadToMql: round(v / 100, 4) })}
            path="plan.leadToMql"
            words={words}
          />
          <SliderField
            label="MQL → SQL"
            owner={{ label: "Both teams", tone: "both" }}
            value={round(draft.mqlToSql * 100, 1)}
            display={pct(draft.mqlToSql)}
            unit="%"
            min={0.5}
            max={100}
            step={0.1}
            onChange={(v) => update({ mqlToSql: round(v / 100, 4) })}
            path="plan.mqlToSql"
            words={words}
          />
          <SliderField
            label="SQL → won"
            owner={{ label: "Sales", tone: "sales" }}
            value={round(draft.sqlToWon * 100, 1)}
            display={pct(draft.sqlToWon)}
            unit="%"
            min={0.5}
            max={100}
            step={0.1}
            onChange={(v) => update({ sqlToWon: round(v / 100, 4) })}
            path="plan.sqlToWon"
            words={words}
          />
          <SliderField
            label="Average deal size"
            owner={{ label: "Sales", tone: "sales" }}
            value={draft.avgDealSize}
            display={format.money(draft.avgDealSize)}
            unit={format.currency}
            {...dealRange}
            onChange={(v) => update({ avgDealSize: v })}
            path="plan.avgDealSize"
            words={words}
          />
          <div className="slider-field">
            <label className="row" style={{ gridColumn: "1 / -1", fontWeight: 500 }}>
              <input
                type="checkbox"
                checked={draft.leads === null}
                onChange={(e) =>
                  update({
                    leads: e.target.checked ? null : Math.round(whatIf.planned.leads),
                  })
                }
              />
              Derive planned leads from the target
            </label>
          </div>
          {draft.leads !== null && (
            <SliderField
              label="Planned leads"
              owner={{ label: "Marketing", tone: "marketing" }}
              value={draft.leads}
              display={format.count(draft.leads)}
              unit="leads"
              min={0}
              max={leadsMax}
              step={1}
              onChange={(v) => update({ leads: Math.round(v) })}
              path="plan.leads"
              words={words}
            />
          )}
        </div>
        <div className="save-bar">
          <span className="muted small" aria-live="polite">
            {saved && !dirty && <strong className="positive">Saved. </strong>}
            {dirty ? (
              "Unsaved changes"
            ) : goal ? (
              <span>{`Version ${goal.version}, saved ${format.ago(goal.updatedAt)}`}</span>
            ) : (
              "Not saved yet"
            )}
          </span>
          <div className="row">
            {dirty && goal && (
              <button type="button" className="button" onClick={reset}>
                Reset
              </button>
            )}
            <button
              type="submit"
              className="button primary"
              disabled={!canSave || saving || (goal !== null && !dirty)}
            >
              {saving ? "Saving…" : saveLabel}
            </button>
          </div>
        </div>
        {!canSave && (
          <p className="field-hint" style={{ marginTop: "0.5rem" }}>
            You can try what-ifs here; only executives and owners can save the plan.
          </p>
        )}
        {changedElsewhere && !stale && (
          <div className="notice" role="status" style={{ marginTop: "0.75rem" }}>
            <p>
              Someone saved a newer version of this plan (version {goal?.version}) while you were
              editing. Saving your changes will be refused; reload to start from theirs.
            </p>
          </div>
        )}
        {stale ? (
          <div className="notice" role="alert" style={{ marginTop: "0.75rem" }}>
            <p>
              <strong>Not saved: someone else changed this plan since you opened it.</strong> Reload
              to see their version, then apply your change again.
            </p>
            <button
              type="button"
              className="button small"
              disabled={reloading}
              onClick={() => {
                onReload?.();
              }}
            >
              {reloading ? "Reloading…" : "Reload the latest plan"}
            </button>
          </div>
        ) : (
          words.problem !== null && <div style={{ marginTop: "0.75rem" }}>{words.message()}</div>
        )}
      </Card>
      <ReverseFunnelCard draft={draft} whatIf={whatIf} saved={savedWhatIf} format={format} />
    </form>
  );
}
