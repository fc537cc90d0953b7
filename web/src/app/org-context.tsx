import { createContext, type ReactNode, useContext, useMemo } from "react";
import type { Me } from "../features/organization/api/organization";
import { createFormatters, type Formatters } from "../lib/format";

interface OrgContextValue {
  me: Me;
  format: Formatters;
}

const OrgContext = createContext<OrgContextValue | null>(null);

export function OrgProvider({ me, children }: { me: Me; children: ReactNode }) {
  const { currency, timezone } = me.organization;
  const format = useMemo(() => createFormatters({ currency, timezone }), [currency, timezone]);
  const value = useMemo(() => ({ me, format }), [me, format]);
  return <OrgContext.Provider value={value}>{children}</OrgContext.Provider>;
}

/** The signed-in member and formatters in their organization's currency and timezone. */
export function useOrg(): OrgContextValue {
  const value = useContext(OrgContext);
  if (!value) throw new Error("useOrg is used outside the signed-in app layout");
  return value;
}
