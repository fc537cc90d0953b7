import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { requestJson } from "../../lib/api-client";

export interface SignOnProvider {
  id: string;
  name: string;
}

/** The domain of a typed email once it looks whole (name@example.com), else null. */
function domainOf(email: string): string | null {
  const match = /^[^\s@]+@([^\s@]+\.[a-z]{2,})$/i.exec(email.trim());
  return match?.[1]?.toLowerCase() ?? null;
}

/**
 * The single sign-on the typed email's domain uses (GET /api/sign-on), asked once the
 * address has rested for a moment, so typing does not send a request per key.
 */
export function useSignOnProvider(email: string): SignOnProvider | null {
  const [domain, setDomain] = useState<string | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setDomain(domainOf(email)), 300);
    return () => clearTimeout(timer);
  }, [email]);
  const lookup = useQuery({
    queryKey: ["sign-on", domain],
    enabled: domain !== null,
    staleTime: 60_000,
    queryFn: async (): Promise<SignOnProvider | null> => {
      const body = await requestJson(`/api/sign-on?email=${encodeURIComponent(`x@${domain}`)}`);
      const provider =
        typeof body === "object" && body !== null && "provider" in body ? body.provider : null;
      if (typeof provider !== "object" || provider === null) return null;
      const id = "id" in provider ? provider.id : null;
      const name = "name" in provider ? provider.name : null;
      return typeof id === "string" && typeof name === "string" ? { id, name } : null;
    },
  });
  return domain ? (lookup.data ?? null) : null;
}
