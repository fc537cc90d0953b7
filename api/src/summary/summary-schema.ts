import { z } from "@hono/zod-openapi";
import { keyResultKinds, keyResultUnits, pacingModes } from "@tandem/db/schema";

const funnelSchema = z.object({
  leads: z.number(),
  mqls: z.number(),
  sqls: z.number(),
  wins: z.number(),
  revenue: z.number().openapi({ description: "Major currency units" }),
});

/** not_started: no check-in yet (a key result), or no facts in the period yet (a goal). */
export const keyResultStatusSchema = z.enum(["on_track", "at_risk", "off_track", "not_started"]);

export const checkInViewSchema = z
  .object({
    id: z.string(),
    keyResultId: z.string(),
    keyResultTitle: z.string(),
    team: z.object({ id: z.string(), name: z.string(), function: z.string() }),
    value: z.number().nullable(),
    confidence: z.number().int(),
    note: z.string(),
    author: z.object({ id: z.string(), name: z.string() }),
    createdAt: z.string(),
  })
  .openapi("CheckIn");

export const keyResultViewSchema = z
  .object({
    id: z.string(),
    goalId: z.string(),
    title: z.string(),
    team: z.object({ id: z.string(), name: z.string(), function: z.string() }),
    kind: z.enum(keyResultKinds),
    unit: z.enum(keyResultUnits),
    start: z.number(),
    target: z.number(),
    metric: z.string().nullable(),
    cadenceDays: z.number().int(),
    current: z
      .number()
      .nullable()
      .openapi({ description: "Live funnel value, or the last check-in's value" }),
    progress: z
      .number()
      .nullable()
      .openapi({ description: "(current - start) / (target - start)" }),
    status: keyResultStatusSchema,
    confidence: z.number().int().nullable(),
    lastCheckIn: checkInViewSchema.nullable(),
    overdue: z.boolean(),
    archived: z.boolean(),
    version: z.number().int(),
  })
  .openapi("KeyResult");

export const summarySchema = z
  .object({
    goal: z.object({
      id: z.string(),
      name: z.string(),
      startsOn: z.string(),
      endsOn: z.string(),
      version: z.number().int(),
    }),
    asOf: z.string(),
    currency: z.string(),
    timezone: z.string(),
    pacing: z.enum(pacingModes),
    daysElapsed: z.number().int(),
    daysInPeriod: z.number().int(),
    expectedShare: z
      .number()
      .openapi({ description: "Share f of the period's revenue expected by asOf" }),
    target: z.number(),
    actual: z.number(),
    attainment: z.number().nullable(),
    expectedToDate: z.number(),
    projected: z.number().nullable(),
    status: keyResultStatusSchema,
    pipeline: z.object({ amount: z.number(), deals: z.number().int() }),
    pipelineCoverage: z.number().nullable(),
    funnel: z.object({
      plan: funnelSchema,
      actual: funnelSchema,
      planPeriod: funnelSchema,
      plannedLeads: z.number().openapi({
        description:
          "The period's planned leads as shown everywhere: the plan's figure, or the reverse funnel's whole leads when derived",
      }),
      leadsDerived: z.boolean(),
    }),
    contributions: z.object({
      kind: z.enum(["decomposed", "no_data", "undecomposable"]).openapi({
        description:
          "no_data: nothing recorded in the period yet, so no lever is blamed; undecomposable: see reason",
      }),
      gap: z.number().openapi({
        description:
          "actual - expectedToDate; planVsTarget + activity + conversion.total + dealSize = gap exactly",
      }),
      planVsTarget: z.number().openapi({
        description: "(planned revenue - target) x f: 0 when the plan's leads are derived",
      }),
      activity: z.number().nullable(),
      conversion: z
        .object({
          total: z.number(),
          leadToMql: z.number(),
          mqlToSql: z.number(),
          sqlToWon: z.number(),
        })
        .nullable(),
      dealSize: z.number().nullable(),
      reason: z.string().nullable(),
    }),
    series: z.array(
      z.object({ date: z.string(), actual: z.number().nullable(), expected: z.number() }),
    ),
    keyResults: z.array(keyResultViewSchema),
    checkIns: z.array(checkInViewSchema),
  })
  .openapi("GoalSummary");

export type GoalSummary = z.infer<typeof summarySchema>;
export type KeyResultView = z.infer<typeof keyResultViewSchema>;
export type CheckInView = z.infer<typeof checkInViewSchema>;
