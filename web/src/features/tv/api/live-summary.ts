import type { InferResponseType } from "hono/client";
import { api, call } from "../../../lib/api";
import { ApiProblem } from "../../../lib/api-client";

type DisplaySummaryEndpoint = (typeof api.v1.displays)[":token"]["summary"]["$get"];
/** The display payload: the goal summary plus recent wins, from the API's own route types. */
export type LiveSummary = InferResponseType<DisplaySummaryEndpoint, 200>;
export type RecentWin = LiveSummary["recentWins"][number];
export type LiveCheckIn = LiveSummary["checkIns"][number];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;

/**
 * Stream events arrive as text. The server builds them from the same schema as the JSON
 * route; this checks the fields the screen reads, so a stray event cannot blank the wall.
 */
export function isLiveSummary(value: unknown): value is LiveSummary {
  return (
    isRecord(value) &&
    isRecord(value.goal) &&
    typeof value.goal.name === "string" &&
    typeof value.currency === "string" &&
    typeof value.timezone === "string" &&
    typeof value.updatedAt === "string" &&
    typeof value.target === "number" &&
    typeof value.actual === "number" &&
    typeof value.expectedToDate === "number" &&
    typeof value.status === "string" &&
    isRecord(value.funnel) &&
    isRecord(value.contributions) &&
    Array.isArray(value.keyResults) &&
    Array.isArray(value.checkIns) &&
    Array.isArray(value.recentWins) &&
    isRecord(value.forecast)
  );
}

export function parseLiveSummary(data: string): LiveSummary | null {
  try {
    const value: unknown = JSON.parse(data);
    return isLiveSummary(value) ? value : null;
  } catch {
    return null;
  }
}

export type FetchResult =
  | { kind: "ok"; summary: LiveSummary }
  | { kind: "revoked" }
  | { kind: "unreachable" };

/** The plain JSON read, used when a stream fails: it tells a revoked link from a server away. */
export async function fetchDisplaySummary(token: string): Promise<FetchResult> {
  try {
    const summary = await call(api.v1.displays[":token"].summary.$get({ param: { token } }));
    return { kind: "ok", summary };
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 401) return { kind: "revoked" };
    return { kind: "unreachable" };
  }
}
