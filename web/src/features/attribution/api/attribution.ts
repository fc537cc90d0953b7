import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { api, call } from "../../../lib/api";
import { queryKeys } from "../../../lib/query-keys";

type AttributionEndpoint = (typeof api.v1.goals)[":id"]["attribution"]["$get"];
type AttributionResponse = InferResponseType<AttributionEndpoint, 200>;
export type AllModels = Extract<AttributionResponse, { model: "all" }>;
export type ModelCredits = AllModels["models"][number];
export type AttributionModel = ModelCredits["model"];

/** One sentence per model, as the Attribution page explains them. */
export const modelWords: Record<AttributionModel, { name: string; sentence: string }> = {
  first_touch: {
    name: "First touch",
    sentence: "All the credit goes to the channel that first brought the buyer in.",
  },
  last_touch: {
    name: "Last touch",
    sentence: "All the credit goes to the last touch before the deal closed.",
  },
  linear: {
    name: "Linear",
    sentence: "Every touch before the close gets an equal share.",
  },
  time_decay: {
    name: "Time decay",
    sentence:
      "Touches closer to the close count more; a touch's weight halves every half-life (7 days by default).",
  },
  u_shaped: {
    name: "U-shaped",
    sentence:
      "40% to the first touch, 40% to the touch that created the lead, 20% shared by the rest.",
  },
  w_shaped: {
    name: "W-shaped",
    sentence:
      "30% each to the first touch, the lead-creation touch and the opportunity-creation touch; 10% to the rest.",
  },
  full_path: {
    name: "Full path",
    sentence:
      "22.5% each to first, lead-creation, opportunity-creation and last touch; 10% to the rest.",
  },
};

function isAllModels(data: AttributionResponse): data is AllModels {
  return data.model === "all";
}

export const attributionQuery = (goalId: string) =>
  queryOptions({
    queryKey: [...queryKeys.goals.attribution(goalId), "all"],
    queryFn: async () => {
      const data = await call(
        api.v1.goals[":id"].attribution.$get({ param: { id: goalId }, query: { model: "all" } }),
      );
      if (!isAllModels(data))
        throw new Error("The server answered one model where all were asked for.");
      return data;
    },
    placeholderData: keepPreviousData,
  });
