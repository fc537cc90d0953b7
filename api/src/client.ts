import { hc } from "hono/client";
import type { AppType } from "./app";

/**
 * The typed client of the API, its type computed once (hono's "precompiled client type"):
 * `pnpm --filter @tandem/api client-types` writes this file's declaration with the client's
 * type spelled out, and the web app's `tsc` reads that instead of working out `hc<AppType>`
 * again (docs/decisions/051-precompiled-client-type.md).
 */
const client = hc<AppType>("");
export type Client = typeof client;

export const hcWithType = (...args: Parameters<typeof hc>): Client => hc<AppType>(...args);
