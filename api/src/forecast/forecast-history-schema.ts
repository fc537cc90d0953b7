import { z } from "@hono/zod-openapi";

const accuracy = z
  .object({
    ratio: z.number().openapi({ description: "forecast / final actual" }),
    accurate: z.boolean().openapi({ description: "within 85-115%" }),
  })
  .nullable();
const amounts = z.object({ commit: z.number(), bestCase: z.number() }).nullable();

export const forecastHistorySchema = z
  .object({
    goalId: z.string(),
    currency: z.string(),
    closed: z.boolean(),
    final: z
      .number()
      .nullable()
      .openapi({ description: "The period's final revenue, once closed" }),
    points: z.array(
      z.object({
        day: z.string().openapi({ format: "date" }),
        booked: z.number(),
        pipeline: z.number(),
        leadsInHand: z.number(),
        leadsToCome: z.number(),
        total: z.number(),
        low: z.number(),
        high: z.number(),
        runRate: z.number().nullable(),
        replayed: z.boolean().openapi({
          description:
            "true: nobody asked that day, so it was replayed later from the data as of that day",
        }),
        calls: z.object({ sales: amounts, marketing: amounts, joint: amounts }),
        accuracy: z
          .object({
            forecast: accuracy,
            runRate: accuracy,
            sales: accuracy.openapi({
              description: "sales' commit / revenue won from deals created by that day",
            }),
            marketing: accuracy.openapi({
              description: "marketing's commit / revenue won from deals created after that day",
            }),
            joint: accuracy,
          })
          .nullable()
          .openapi({ description: "Once the period is over" }),
      }),
    ),
  })
  .openapi("ForecastHistory");

export type ForecastHistoryView = z.infer<typeof forecastHistorySchema>;
