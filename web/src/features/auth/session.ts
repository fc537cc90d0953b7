import { queryOptions, useQuery } from "@tanstack/react-query";
import { requestJson } from "../../lib/api-client";
import { queryKeys } from "../../lib/query-keys";

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  /** The organization every /api/v1 call acts in; null until the user creates or joins one. */
  activeOrganizationId: string | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** better-auth answers null when nobody is signed in. */
export function toSessionUser(body: unknown): SessionUser | null {
  if (!isRecord(body) || !isRecord(body.user)) return null;
  const { id, name, email } = body.user;
  if (typeof id !== "string" || typeof email !== "string") return null;
  const active = isRecord(body.session) ? body.session.activeOrganizationId : null;
  return {
    id,
    email,
    name: typeof name === "string" ? name : email,
    activeOrganizationId: typeof active === "string" && active ? active : null,
  };
}

/** Who is signed in, as the server's database says now. */
export const fetchSession = async () => toSessionUser(await requestJson("/api/auth/get-session"));

export const sessionQuery = queryOptions({
  queryKey: queryKeys.session,
  queryFn: fetchSession,
  staleTime: 60_000,
});

export function useSession() {
  return useQuery(sessionQuery);
}
