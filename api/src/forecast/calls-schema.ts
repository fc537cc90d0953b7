import { z } from "@hono/zod-openapi";
import { moneySchema } from "../lib/money";

/** Which part of the forecast a team's call covers. */
export const callParts = ["sales", "marketing"] as const;
export type CallPart = (typeof callParts)[number];

export const createCallBody = z
  .strictObject({
    teamId: z.string().min(1).max(64),
    commit: moneySchema.openapi({ description: "What the team is sure of (major units)" }),
    bestCase: moneySchema.openapi({
      description: "What it can reach if things go well; >= commit",
    }),
    note: z.string().trim().max(2000).default(""),
  })
  .openapi("CreateForecastCall");

export const callSchema = z
  .object({
    id: z.string(),
    teamId: z.string(),
    teamName: z.string(),
    part: z.enum(callParts).openapi({
      description: "sales: booked + open pipeline; marketing: leads in hand + leads to come",
    }),
    week: z.string().openapi({ format: "date", description: "Monday of the call's week" }),
    commit: z.number(),
    bestCase: z.number(),
    note: z.string(),
    authorName: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("ForecastCall");

export const callsSchema = z
  .object({
    goalId: z.string(),
    currency: z.string(),
    week: z.string().openapi({ format: "date", description: "Monday of this week" }),
    teams: z.array(
      z.object({
        teamId: z.string(),
        teamName: z.string(),
        part: z.enum(callParts),
        version: z.number().int().openapi({
          description: "The team's calls so far: send it as If-Match with the team's next call",
        }),
        current: callSchema.nullable(),
      }),
    ),
    joint: z
      .object({
        commit: z.number(),
        bestCase: z.number(),
        complete: z.boolean().openapi({
          description: "true when both sales and marketing have called",
        }),
      })
      .nullable()
      .openapi({ description: "The sum of each team's latest call" }),
    calls: z.array(callSchema).openapi({ description: "Every call, newest first" }),
  })
  .openapi("ForecastCalls");

export type CallsView = z.infer<typeof callsSchema>;
