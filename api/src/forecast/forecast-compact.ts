import { z } from "@hono/zod-openapi";
import { type ForecastView, forecastStatusSchema } from "./forecast-schema";

/** The forecast as the live stream carries it: what the dashboard's card and the TV show. */
export const compactForecastSchema = z
  .object({
    asOf: z.string().openapi({ format: "date" }),
    total: z.number(),
    low: z.number(),
    high: z.number(),
    booked: z.number(),
    pipeline: z.number().openapi({ description: "Sales' part: the open pipeline's expected wins" }),
    leadsInHand: z.number().openapi({ description: "Marketing's part: the leads in hand" }),
    leadsToCome: z.number().openapi({ description: "Marketing's part: the leads still to come" }),
    runRate: z.number().nullable(),
    status: forecastStatusSchema,
    enough: z.boolean().openapi({ description: "false: the chances are the plan's rates" }),
    moved: z.object({ since: z.string(), total: z.number() }).nullable(),
  })
  .openapi("CompactForecast");

export type CompactForecast = z.infer<typeof compactForecastSchema>;

export function compactForecast(view: ForecastView): CompactForecast {
  return {
    asOf: view.asOf,
    total: view.total,
    low: view.low,
    high: view.high,
    booked: view.booked,
    pipeline: view.pipeline.expected,
    leadsInHand: view.leadsInHand.expected,
    leadsToCome: view.leadsToCome.expected,
    runRate: view.runRate,
    status: view.status,
    enough: view.history.enough,
    moved: view.moved && { since: view.moved.since, total: view.moved.total },
  };
}
