import { queryOptions } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { api, call } from "../../../lib/api";
import { queryKeys } from "../../../lib/query-keys";

export type AuditEntry = InferResponseType<typeof api.v1.audit.$get, 200>["entries"][number];

export const auditQuery = queryOptions({
  queryKey: queryKeys.settings.audit,
  queryFn: async () => (await call(api.v1.audit.$get({ query: { limit: "30" } }))).entries,
});
