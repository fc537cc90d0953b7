import { createRoute, z } from "@hono/zod-openapi";
import { isoDateSchema, jsonResponse } from "../../lib/schemas";
import { summarySchema } from "../../summary/summary-schema";
import { goalSchema } from "../goals/goals.routes";
import { meSchema } from "../me/me.routes";

export const firstScreenSchema = z
  .object({
    session: z.unknown().openapi({
      description:
        "GET /api/auth/get-session's answer, read from the database: null when nobody is signed in",
    }),
    me: meSchema
      .nullable()
      .openapi({ description: "GET /api/v1/me; null without an organization" }),
    goals: z.array(goalSchema).nullable().openapi({ description: "GET /api/v1/goals' goals" }),
    summary: z
      .object({ goalId: z.string(), asOf: z.string().nullable(), value: summarySchema })
      .nullable()
      .openapi({
        description:
          "GET /api/v1/goals/{goalId}/summary of the goal the dashboard shows: the one asked for, else the current period's",
      }),
  })
  .openapi("FirstScreen");

export const getFirstScreenRoute = createRoute({
  method: "get",
  path: "/api/v1/first-screen",
  tags: ["Organizations"],
  summary:
    "What the dashboard shows first, in one request: the session, the caller, the goals and the summary",
  description:
    "Answers 200 whoever calls it: a part the caller may not see is null, as its own route would refuse it.",
  request: {
    query: z.object({
      goal: z.string().max(200).optional().openapi({ description: "The goal the page asks for" }),
      asOf: isoDateSchema.optional(),
    }),
  },
  responses: { 200: jsonResponse(firstScreenSchema, "The first screen's data") },
});
