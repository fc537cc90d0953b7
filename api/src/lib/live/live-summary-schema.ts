import { z } from "@hono/zod-openapi";
import { compactForecastSchema } from "../../forecast/forecast-compact";
import { summarySchema } from "../../summary/summary-schema";

export const recentWinSchema = z
  .object({
    dealId: z.string().openapi({ description: "The deal's external id in the CRM" }),
    amount: z.number().openapi({ description: "Major currency units" }),
    closedAt: z.string().nullable(),
    owner: z.string().nullable().openapi({ description: "The closing rep, as the CRM names them" }),
    leadSource: z.string().nullable(),
    firstTouch: z
      .object({ channel: z.string(), campaign: z.string() })
      .nullable()
      .openapi({ description: "The lead's first marketing touch; null when none was recorded" }),
  })
  .openapi("RecentWin");

/**
 * What streams and display tokens receive: the goal summary plus the latest wins, each
 * crediting the closing rep and the first marketing touch. GoalSummary itself is unchanged.
 */
export const liveSummarySchema = summarySchema
  .extend({
    recentWins: z.array(recentWinSchema),
    forecast: compactForecastSchema,
    updatedAt: z.string().openapi({
      format: "date-time",
      description:
        "When the newest thing in these numbers happened: the latest check-in, won deal or goal edit",
    }),
  })
  .openapi("LiveSummary");

export type LiveSummary = z.infer<typeof liveSummarySchema>;
export type RecentWin = z.infer<typeof recentWinSchema>;
