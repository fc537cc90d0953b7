import { z } from "@hono/zod-openapi";

const money = (description: string) =>
  z.number().openapi({ description: `${description} (major currency units)` });

/** not_started: nothing recorded to forecast from yet (only the plan), so no verdict. */
export const forecastStatusSchema = z.enum(["on_track", "at_risk", "off_track", "not_started"]);

export const forecastSchema = z
  .object({
    goalId: z.string(),
    asOf: z.string().openapi({ format: "date" }),
    currency: z.string(),
    target: money("The goal's target"),
    booked: money("Won revenue closed in the period up to asOf"),
    pipeline: z.object({
      expected: money("Sales' part: each deal open at asOf x its chance to be won by period end"),
      deals: z.number().int(),
      amount: money("The open deals' amount"),
      byCategory: z
        .array(
          z.object({
            category: z.enum(["commit", "best_case", "pipeline", "omitted"]).nullable().openapi({
              description: "The deals' forecast category at asOf; null: none recorded",
            }),
            deals: z.number().int(),
            amount: money("The category's open deals' amount"),
            expected: money("Its part of pipeline.expected; the parts sum to it exactly"),
            learned: z.boolean().openapi({
              description:
                "true: valued with the category's own life table; false: the all-deals chance (fewer than 20 won deals in the category, before categoriesFrom, or no category)",
            }),
          }),
        )
        .openapi({
          description:
            "The open deals by forecast category at asOf (decision 061): commit, best_case, pipeline, omitted, then those without one",
        }),
      categoriesFrom: z.string().openapi({
        format: "date",
        description: "From this day of the period on, the categories' own tables are read",
      }),
    }),
    leadsInHand: z.object({
      expected: money("Marketing's part: leads in hand x their chance to be won in time"),
      leads: z.number().int(),
    }),
    leadsToCome: z.object({
      expected: money("Marketing's part: leads the plan still expects x their chance in time"),
      leads: z.number().int(),
    }),
    total: money("booked + pipeline.expected + leadsInHand.expected + leadsToCome.expected"),
    low: money("10th percentile"),
    high: money("90th percentile"),
    runRate: money(
      "Where the period lands if nothing changes: the summary's projection",
    ).nullable(),
    status: forecastStatusSchema,
    lag: z.object({
      q0: z.number().openapi({ description: "Share of a cohort's wins closing in its own period" }),
      q1: z.number().openapi({ description: "...and in the next one" }),
      medianDays: z.number().nullable(),
      leadToWon: z.number(),
      weeks: z.array(z.object({ week: z.number().int(), share: z.number() })),
    }),
    leadsNeeded: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "The lag-aware reverse funnel: leads still needed this period" }),
    naiveLeadsNeeded: z.number().int().nullable(),
    winsNeeded: z.number(),
    winsInHand: z.number(),
    nextPeriod: z.object({
      expected: money("What this period's leads are expected to win in the next period"),
    }),
    moved: z
      .object({
        since: z.string().openapi({ format: "date" }),
        total: z.number(),
        booked: z.number(),
        pipeline: z.number(),
        leadsInHand: z.number(),
        leadsToCome: z.number(),
      })
      .nullable()
      .openapi({
        description:
          "How the forecast moved since the same day a week before, by part (major units); null in the period's first week",
      }),
    history: z.object({
      wonDeals: z.number().int(),
      enough: z.boolean().openapi({
        description: "false: fewer than 20 won deals, so the chances are the plan's rates",
      }),
      from: z.string().openapi({ format: "date" }),
    }),
  })
  .openapi("Forecast");

export type ForecastView = z.infer<typeof forecastSchema>;
