import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useState } from "react";
import { useOrg } from "../../../app/org-context";
import { Card } from "../../../components/ui/card";
import { PageHeader } from "../../../components/ui/page-header";
import { Stat } from "../../../components/ui/stat";
import { EmptyState, ErrorState, LoadingState } from "../../../components/ui/states";
import { humanize, plural } from "../../../lib/words";
import { useCurrentGoal } from "../../goals/api/goals";
import { GoalPicker } from "../../goals/components/goal-picker";
import { hasRole } from "../../organization/api/organization";
import {
  type GroupBy,
  type LeadQuality,
  leadQualityQuery,
  reasonLabels,
  rejectionReasons,
} from "../api/lead-quality";
import { AwaitingVerdictList, FeedbackByIdForm } from "./feedback-controls";
import { QualityTable } from "./quality-table";

const RejectionReasonsChart = lazy(() =>
  import("../charts/rejection-reasons-chart").then((m) => ({ default: m.RejectionReasonsChart })),
);

const reasonColors: Record<string, string> = {
  not_icp: "var(--negative)",
  no_budget: "var(--warning)",
  bad_timing: "var(--sales)",
  duplicate: "var(--chart-total)",
  no_response: "var(--marketing)",
  other: "var(--border-strong)",
  unspecified: "var(--surface-3)",
};

function reasonsChart(data: LeadQuality) {
  const keys = [...rejectionReasons, "unspecified" as const];
  const used = keys.filter((k) => data.rows.some((r) => r.feedback.reasons[k] > 0));
  const rows = data.rows.map((row) => {
    const entry: { label: string } & Record<string, number | string> = {
      label: `${humanize(row.source ?? "")}${data.groupBy === "campaign" && row.campaign ? ` · ${row.campaign}` : ""}`,
    };
    for (const k of used) entry[k] = row.feedback.reasons[k];
    return entry;
  });
  const totals = used
    .map((k) => ({ k, n: data.total.feedback.reasons[k] }))
    .sort((a, b) => b.n - a.n);
  const top = totals[0];
  const summary = top
    ? `${plural(data.total.feedback.rejected, "lead")} rejected by sales; the most common reason is ${reasonLabels[top.k].toLowerCase()} (${top.n}).`
    : "Sales has not rejected any lead in this period.";
  return {
    rows,
    series: used.map((k) => ({
      key: k,
      label: reasonLabels[k],
      color: reasonColors[k] ?? "var(--muted)",
    })),
    summary,
  };
}

export function LeadQualityPage() {
  const { me, format } = useOrg();
  const { goals, goal, select } = useCurrentGoal(me.organization.timezone);
  const [groupBy, setGroupBy] = useState<GroupBy>("source");
  const quality = useQuery({
    ...leadQualityQuery(goal?.id ?? "", groupBy),
    enabled: goal !== null,
  });
  const canGive = hasRole(me.role, "member");

  const header = (
    <PageHeader
      title="Lead quality"
      description="Which sources bring leads that sales accepts and wins: conversion, sales' verdicts with reasons, and how fast sales follows up."
      actions={
        <>
          {goals.data && goal && (
            <GoalPicker goals={goals.data} value={goal.id} onChange={select} />
          )}
          <fieldset className="segmented">
            <legend className="visually-hidden">Group by</legend>
            {(["source", "campaign"] as const).map((g) => (
              <label key={g} className={groupBy === g ? "selected" : ""}>
                <input
                  type="radio"
                  name="group-by"
                  value={g}
                  checked={groupBy === g}
                  onChange={() => setGroupBy(g)}
                />
                {g === "source" ? "By source" : "By campaign"}
              </label>
            ))}
          </fieldset>
        </>
      }
    />
  );

  if (goals.isPending || (goal && quality.isPending)) {
    return (
      <>
        {header}
        <LoadingState rows={6} />
      </>
    );
  }
  if (goals.isError || quality.isError) {
    const error = goals.error ?? quality.error;
    return (
      <>
        {header}
        <ErrorState
          error={error}
          onRetry={() => (goals.isError ? goals.refetch() : quality.refetch())}
        />
      </>
    );
  }
  if (!goal || !quality.data) {
    return (
      <>
        {header}
        <EmptyState title="No goal yet">
          Lead quality covers the leads of the shared goal's period. An executive creates the goal
          on the Plan page.
        </EmptyState>
      </>
    );
  }
  const data = quality.data;
  const { total } = data;
  if (total.leads === 0) {
    return (
      <>
        {header}
        <EmptyState title="No leads in this period yet">
          Leads arrive from your CRM through the ingest API or a CSV import (Settings → Import).
        </EmptyState>
      </>
    );
  }
  const chart = reasonsChart(data);
  return (
    <>
      {header}
      <div className={`grid${quality.isPlaceholderData ? " is-stale" : ""}`}>
        <section className="card span-12" aria-label="Totals">
          <dl className="stats-row" style={{ margin: 0 }}>
            <Stat
              label="Leads"
              value={format.count(total.leads)}
              hint={
                data.cohort
                  ? `created ${format.day(data.cohort.from)} – ${format.day(data.cohort.through)}`
                  : undefined
              }
            />
            <Stat
              label="Lead to won"
              value={total.rates.leadToWon === null ? "—" : format.percent(total.rates.leadToWon)}
              hint={`${plural(total.wins, "win", "wins", format.count(total.wins))}, ${format.money(total.revenue)}`}
            />
            <Stat
              label="Accepted by sales"
              value={
                total.feedback.acceptanceRate === null
                  ? "—"
                  : format.percent(total.feedback.acceptanceRate, 0)
              }
              hint={`${total.feedback.accepted} accepted, ${total.feedback.rejected} rejected`}
            />
            <Stat
              label="Median speed to lead"
              value={
                total.speedToLead.medianHours === null
                  ? "—"
                  : `${total.speedToLead.medianHours.toFixed(1)} h`
              }
              hint={
                total.speedToLead.within24hShare === null
                  ? "no MQLs"
                  : `${format.percent(total.speedToLead.within24hShare, 0)} of MQLs contacted within 24 h`
              }
            />
            <Stat
              label="Awaiting a verdict"
              value={format.count(total.feedback.awaiting)}
              hint="MQLs and SQLs sales has not judged"
            />
          </dl>
        </section>
        <Card
          span={12}
          title={groupBy === "source" ? "By source" : "By source and campaign"}
          description="Leads created in the period and what became of them up to today. Rates are of the stage before."
        >
          <QualityTable
            rows={data.rows}
            total={total}
            byCampaign={groupBy === "campaign"}
            format={format}
          />
        </Card>
        <Card
          span={7}
          title="Why sales rejects leads"
          description="Rejections by reason, per source: the feedback marketing tunes its targeting with."
        >
          <Suspense fallback={<LoadingState rows={3} />}>
            <RejectionReasonsChart {...chart} />
          </Suspense>
        </Card>
        <Card
          span={5}
          title="Awaiting a verdict"
          description="MQLs and SQLs sales has not judged yet, the newest hand-over first."
        >
          <AwaitingVerdictList
            leads={data.awaitingVerdict}
            goalId={goal.id}
            format={format}
            canGive={canGive}
            empty={
              <EmptyState title="Nothing waiting">
                Every qualified lead of the period has a verdict.
              </EmptyState>
            }
          />
          {canGive && (
            <details className="more">
              <summary>Give feedback on another lead</summary>
              <FeedbackByIdForm goalId={goal.id} />
            </details>
          )}
        </Card>
      </div>
    </>
  );
}
