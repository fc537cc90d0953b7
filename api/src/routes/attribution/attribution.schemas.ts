import { z } from "@hono/zod-openapi";
import { isoDateSchema } from "../../lib/schemas";
import { ATTRIBUTION_MODELS, DEFAULT_HALF_LIFE_DAYS } from "../../revenue";

const singleModelSchema = z.enum(ATTRIBUTION_MODELS).openapi("AttributionModel");

/** Every model of the revenue model, or `all` for them side by side. */
export const attributionModelParam = z.enum(["all", ...ATTRIBUTION_MODELS]);

export const attributionQuerySchema = z.object({
  model: attributionModelParam.default("all").openapi({
    description: "One attribution model, or `all` (the default) for every model side by side",
  }),
  asOf: isoDateSchema.optional().openapi({
    description: "Default: today in the organization's timezone; capped to the period",
  }),
  halfLife: z.coerce
    .number()
    .min(0.5, "must be at least 0.5 days")
    .max(365, "must be at most 365 days")
    .default(DEFAULT_HALF_LIFE_DAYS)
    .openapi({ description: "Half-life of time_decay in days", example: DEFAULT_HALF_LIFE_DAYS }),
});

const channelCreditSchema = z
  .object({
    channel: z.string().openapi({ description: '"(none)" for won deals without a touchpoint' }),
    credit: z.number().openapi({ description: "Major currency units" }),
    deals: z.number().int().openapi({ description: "Won deals in which the channel has credit" }),
  })
  .openapi("ChannelCredit");

const modelCreditsSchema = z
  .object({
    model: singleModelSchema,
    total: z
      .number()
      .openapi({ description: "Won revenue; the channel credits sum to it exactly" }),
    channels: z.array(channelCreditSchema).openapi({ description: "Largest credit first" }),
  })
  .openapi("ModelCredits");

const windowFields = {
  asOf: z.string().openapi({ description: "Last day counted, capped to the period" }),
  currency: z.string(),
  halfLife: z.number(),
  deals: z.number().int().openapi({ description: "Won deals counted" }),
};

export const singleAttributionSchema = modelCreditsSchema
  .extend(windowFields)
  .openapi("Attribution");

export const allAttributionSchema = z
  .object({
    model: z.literal("all"),
    total: z.number(),
    models: z.array(modelCreditsSchema).openapi({ description: "In the revenue model's order" }),
    ...windowFields,
  })
  .openapi("AttributionAllModels");

export const attributionSchema = z.union([singleAttributionSchema, allAttributionSchema]);
