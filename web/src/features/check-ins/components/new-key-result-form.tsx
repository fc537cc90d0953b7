import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useFormWords } from "../../../components/ui/use-form-words";
import { inputScale, type KeyResultUnit } from "../../goals/components/key-result-value";
import type { Me } from "../../organization/api/organization";
import { teamsQuery } from "../../settings/api/teams";
import { type FunnelMetric, type NewKeyResult, useCreateKeyResult } from "../api/check-ins";
import { KeyResultNumberField } from "./key-result-number-field";

type Kind = NewKeyResult["kind"];

/** Funnel-fed key results: the metric decides the unit; "" means kept by hand. */
const metrics: { value: FunnelMetric; label: string; unit: KeyResultUnit; kind: Kind }[] = [
  { value: "leads", label: "Leads", unit: "count", kind: "activity" },
  { value: "mqls", label: "MQLs", unit: "count", kind: "activity" },
  { value: "sqls", label: "SQLs", unit: "count", kind: "activity" },
  { value: "wins", label: "Wins", unit: "count", kind: "outcome" },
  { value: "revenue", label: "Won revenue", unit: "currency", kind: "outcome" },
  { value: "lead_to_mql", label: "Lead→MQL rate", unit: "percent", kind: "conversion" },
  { value: "mql_to_sql", label: "MQL→SQL rate", unit: "percent", kind: "conversion" },
  { value: "sql_to_won", label: "SQL→won rate", unit: "percent", kind: "conversion" },
  { value: "avg_deal_size", label: "Average deal size", unit: "currency", kind: "outcome" },
  {
    value: "median_speed_to_lead",
    label: "Median speed to lead (hours)",
    unit: "duration",
    kind: "activity",
  },
];

const units: { value: KeyResultUnit; label: string }[] = [
  { value: "count", label: "Count" },
  { value: "percent", label: "Percent" },
  { value: "currency", label: "Money" },
  { value: "duration", label: "Hours" },
];

const kinds: { value: Kind; label: string }[] = [
  { value: "activity", label: "Activity" },
  { value: "conversion", label: "Conversion" },
  { value: "outcome", label: "Outcome" },
];

/** Leads add key results for their own team; executives and owners for any team. */
export function NewKeyResultForm({
  goalId,
  me,
  onCreated,
}: {
  goalId: string;
  me: Me;
  onCreated: (id: string) => void;
}) {
  const teams = useQuery(teamsQuery);
  const create = useCreateKeyResult(goalId);
  const words = useFormWords(create.error);
  const ownTeamOnly = me.role === "lead";
  const [title, setTitle] = useState("");
  const [teamId, setTeamId] = useState(me.team?.id ?? "");
  const [metric, setMetric] = useState<FunnelMetric | "">("");
  const [unit, setUnit] = useState<KeyResultUnit>("count");
  const [kind, setKind] = useState<Kind>("activity");
  const [start, setStart] = useState("0");
  const [target, setTarget] = useState("");
  const [cadence, setCadence] = useState("7");
  const chosenMetric = metrics.find((m) => m.value === metric);
  const effectiveUnit = chosenMetric?.unit ?? unit;
  const scale = inputScale(effectiveUnit);
  const chosenTeam = teamId || teams.data?.[0]?.id || "";

  const submit = () => {
    create.mutate(
      {
        title: title.trim(),
        teamId: chosenTeam,
        kind: chosenMetric?.kind ?? kind,
        unit: effectiveUnit,
        start: Number(start) / scale,
        target: Number(target) / scale,
        cadenceDays: Number(cadence),
        ...(chosenMetric && { metric: chosenMetric.value }),
      },
      {
        onSuccess: (created) => {
          setTitle("");
          setTarget("");
          onCreated(created.id);
        },
      },
    );
  };

  return (
    <form className="form-stack" {...words.form(submit)} aria-label="Add a key result">
      <label>
        Title
        <input
          required
          maxLength={160}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          placeholder="Webinar attendance"
          {...words.field("title")}
        />
        {words.error("title")}
      </label>
      <div className="form-row">
        <label>
          Team
          <select
            value={chosenTeam}
            disabled={ownTeamOnly}
            {...words.field("teamId")}
            onChange={(e) => setTeamId(e.target.value)}
          >
            {(teams.data ?? []).map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
          {words.error("teamId")}
        </label>
        <label>
          Value comes from
          <select
            value={metric}
            onChange={(e) =>
              setMetric(metrics.find((m) => m.value === e.target.value)?.value ?? "")
            }
          >
            <option value="">Check-ins (kept by hand)</option>
            {metrics.map((m) => (
              <option key={m.value} value={m.value}>
                Funnel: {m.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {!chosenMetric && (
        <div className="form-row">
          <label>
            Unit
            <select
              value={unit}
              onChange={(e) =>
                setUnit(units.find((u) => u.value === e.target.value)?.value ?? "count")
              }
            >
              {units.map((u) => (
                <option key={u.value} value={u.value}>
                  {u.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Kind
            <select
              value={kind}
              onChange={(e) =>
                setKind(kinds.find((k) => k.value === e.target.value)?.value ?? "activity")
              }
            >
              {kinds.map((k) => (
                <option key={k.value} value={k.value}>
                  {k.label}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      <div className="form-row">
        <KeyResultNumberField
          label={`Start${effectiveUnit === "percent" ? " (%)" : ""}`}
          path="start"
          words={words}
          value={start}
          onChange={setStart}
          step="any"
        />
        <KeyResultNumberField
          label={`Target${effectiveUnit === "percent" ? " (%)" : ""}`}
          path="target"
          words={words}
          value={target}
          onChange={setTarget}
          step="any"
        />
        <KeyResultNumberField
          label="Check in every (days)"
          path="cadenceDays"
          words={words}
          value={cadence}
          onChange={setCadence}
          min={1}
          max={90}
        />
      </div>
      {teams.data?.length === 0 && (
        <p className="field-hint">Add a team first (Settings → Teams).</p>
      )}
      {words.message()}
      <div className="row">
        <button type="submit" className="button primary" disabled={create.isPending || !chosenTeam}>
          Add key result
        </button>
      </div>
    </form>
  );
}
