import { createRoute, z } from "@hono/zod-openapi";
import { pacingModes } from "@tandem/db/schema";
import { moneySchema } from "../../lib/money";
import {
  currencySchema,
  idParamSchema,
  isoDateSchema,
  jsonBody,
  jsonResponse,
  problemFor,
  problemResponses,
} from "../../lib/schemas";
import { periodProblem } from "./goal-period";

const rateSchema = z
  .number()
  .gt(0)
  .max(1)
  .openapi({ example: 0.25, description: "A share: 0.25 for 25%" });

export const planInputSchema = z
  .strictObject({
    leads: z.number().int().positive().max(1e9).optional().openapi({
      description: "Planned leads for the whole period; omitted: derived from the target",
    }),
    leadToMql: rateSchema,
    mqlToSql: rateSchema,
    sqlToWon: rateSchema,
    avgDealSize: moneySchema.refine((v) => v > 0, "must be above 0"),
  })
  .openapi("PlanInput");

const thresholdsSchema = z
  .strictObject({
    onTrack: z.number().positive().max(10),
    atRisk: z.number().positive().max(10),
  })
  .refine((t) => t.atRisk <= t.onTrack, {
    message: "atRisk must not exceed onTrack",
    path: ["atRisk"],
  });

const goalFields = {
  name: z.string().trim().min(1).max(120),
  startsOn: isoDateSchema,
  endsOn: isoDateSchema,
  target: moneySchema.refine((v) => v > 0, "must be above 0"),
  currency: currencySchema.optional(),
  plan: planInputSchema,
  pacing: z.enum(pacingModes).default("linear"),
  thresholds: thresholdsSchema.optional(),
};

export const createGoalBody = z
  .strictObject(goalFields)
  .superRefine((g, ctx) => {
    const problem = periodProblem(g.startsOn, g.endsOn);
    if (problem) ctx.addIssue({ code: "custom", path: ["endsOn"], message: problem });
  })
  .openapi("CreateGoal");

export const patchGoalBody = z
  .strictObject({
    name: goalFields.name.optional(),
    startsOn: isoDateSchema.optional(),
    endsOn: isoDateSchema.optional(),
    target: goalFields.target.optional(),
    plan: planInputSchema
      .partial()
      .extend({ leads: z.number().int().positive().max(1e9).nullable().optional() })
      .optional(),
    pacing: z.enum(pacingModes).optional(),
    thresholds: thresholdsSchema.optional(),
  })
  .openapi("PatchGoal");

const volumesSchema = z.object({
  leads: z.number(),
  mqls: z.number(),
  sqls: z.number(),
  wins: z.number(),
});

export const goalSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    target: z.number(),
    currency: z.string(),
    plan: z.object({
      leads: z
        .number()
        .openapi({ description: "Planned leads (given, or derived from the target)" }),
      leadsDerived: z.boolean(),
      leadToMql: z.number(),
      mqlToSql: z.number(),
      sqlToWon: z.number(),
      avgDealSize: z.number(),
      revenue: z.number().openapi({ description: "What the planned funnel produces, major units" }),
    }),
    required: volumesSchema.openapi({
      description: "Whole volumes the target requires at the planned rates",
    }),
    coverage: z.number().nullable().openapi({ description: "Planned revenue / target" }),
    pacing: z.enum(pacingModes),
    thresholds: z.object({ onTrack: z.number(), atRisk: z.number() }),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Goal");

const tags = ["Goals"];

export const listGoalsRoute = createRoute({
  method: "get",
  path: "/goals",
  tags,
  summary: "The organization's goals, by period",
  responses: {
    200: jsonResponse(z.object({ goals: z.array(goalSchema) }), "Goals"),
    401: problemResponses[401],
    403: problemResponses[403],
  },
});

export const createGoalRoute = createRoute({
  method: "post",
  path: "/goals",
  tags,
  summary: "Create the shared revenue goal of a period (exec or owner)",
  request: { body: jsonBody(createGoalBody) },
  responses: {
    201: jsonResponse(goalSchema, "The new goal; ETag carries its version"),
    401: problemResponses[401],
    403: problemResponses[403],
    409: problemFor("Another goal covers part of the period"),
    422: problemResponses[422],
  },
});

export const getGoalRoute = createRoute({
  method: "get",
  path: "/goals/{id}",
  tags,
  summary: "One goal",
  request: { params: idParamSchema },
  responses: {
    200: jsonResponse(goalSchema, "The goal; ETag carries its version"),
    401: problemResponses[401],
    403: problemResponses[403],
    404: problemResponses[404],
  },
});

export const patchGoalRoute = createRoute({
  method: "patch",
  path: "/goals/{id}",
  tags,
  summary: "Change a goal (exec or owner); If-Match with its version is required",
  request: {
    params: idParamSchema,
    headers: z.object({
      "if-match": z.string().optional().openapi({ description: "The goal's version, from ETag" }),
    }),
    body: jsonBody(patchGoalBody),
  },
  responses: {
    200: jsonResponse(goalSchema, "The changed goal"),
    401: problemResponses[401],
    403: problemResponses[403],
    404: problemResponses[404],
    409: problemFor("The new period overlaps another goal"),
    412: problemResponses[412],
    422: problemResponses[422],
    428: problemResponses[428],
  },
});

export const nextGoalBody = z
  .strictObject({
    name: goalFields.name.optional().openapi({
      description: 'Omitted: the next period\'s name from this one\'s ("Q4 2026" -> "Q1 2027")',
    }),
    target: goalFields.target.optional().openapi({ description: "Omitted: this goal's target" }),
  })
  .openapi("NextGoal");

export const createNextGoalRoute = createRoute({
  method: "post",
  path: "/goals/{id}/next",
  tags,
  summary:
    "Create the next period's goal from this one (exec or owner): same length, plan, pacing and thresholds",
  request: { params: idParamSchema, body: jsonBody(nextGoalBody) },
  responses: {
    201: jsonResponse(goalSchema, "The next period's goal; ETag carries its version"),
    401: problemResponses[401],
    403: problemResponses[403],
    404: problemResponses[404],
    409: problemFor("A goal already covers part of the next period"),
    422: problemResponses[422],
  },
});
