import { plannedFunnel, reverseFunnel } from "@tandem/api/revenue";

/** The plan as the editor holds it: money in major units, rates as fractions. */
export interface PlanDraft {
  name: string;
  startsOn: string;
  endsOn: string;
  target: number;
  /** Null: derived from the target at the planned rates. */
  leads: number | null;
  leadToMql: number;
  mqlToSql: number;
  sqlToWon: number;
  avgDealSize: number;
  pacing: "linear" | "historical";
}

export interface WhatIf {
  /** Whole volumes the target needs at these rates and deal size. */
  required: { leads: number; mqls: number; sqls: number; wins: number };
  /** What the planned leads produce over the period. */
  planned: { leads: number; mqls: number; sqls: number; wins: number; revenue: number };
  /** Planned revenue / target; null when the target is 0. */
  coverage: number | null;
}

const finiteOr = (value: number, fallback: number) => (Number.isFinite(value) ? value : fallback);

/**
 * The revenue model, run in the browser on every slider move: the same functions the server
 * uses, with money in minor units inside and major units outside.
 */
export function computeWhatIf(draft: PlanDraft, minorDigits: number): WhatIf {
  const scale = 10 ** minorDigits;
  const target = Math.max(0, Math.round(finiteOr(draft.target, 0) * scale));
  const avgDealSize = Math.max(0, Math.round(finiteOr(draft.avgDealSize, 0) * scale));
  const rates = {
    leadToMql: Math.max(0, finiteOr(draft.leadToMql, 0)),
    mqlToSql: Math.max(0, finiteOr(draft.mqlToSql, 0)),
    sqlToWon: Math.max(0, finiteOr(draft.sqlToWon, 0)),
  };
  const required = reverseFunnel({ target, rates, avgDealSize }).whole;
  const leads = draft.leads === null ? null : Math.max(0, finiteOr(draft.leads, 0));
  const planned = plannedFunnel(target, { ...rates, avgDealSize, leads });
  return {
    required,
    planned: { ...planned.funnel, revenue: planned.funnel.revenue / scale },
    coverage: planned.coverage,
  };
}
