import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { account, member, ssoDomains, ssoProviders, user } from "../schema/index";

export type SsoProviderRow = typeof ssoProviders.$inferSelect;
export type SsoProviderValues = Omit<SsoProviderRow, "orgId" | "version" | "updatedAt">;

/** The organization's provider with its domains, or null when none was ever saved. */
export async function findSsoProvider(
  db: DbOrTx,
  orgId: string,
): Promise<(SsoProviderRow & { domains: string[] }) | null> {
  const [row] = await db.select().from(ssoProviders).where(eq(ssoProviders.orgId, orgId));
  if (!row) return null;
  const domains = await db
    .select({ domain: ssoDomains.domain })
    .from(ssoDomains)
    .where(eq(ssoDomains.orgId, orgId))
    .orderBy(ssoDomains.domain);
  return { ...row, domains: domains.map((d) => d.domain) };
}

/** The organization an email domain signs in with, when it has a provider switched on. */
export async function findSsoByDomain(db: DbOrTx, domain: string) {
  const [row] = await db
    .select({
      orgId: ssoProviders.orgId,
      displayName: ssoProviders.displayName,
      passwordSignIn: ssoProviders.passwordSignIn,
    })
    .from(ssoDomains)
    .innerJoin(ssoProviders, eq(ssoProviders.orgId, ssoDomains.orgId))
    .where(and(eq(ssoDomains.domain, domain), eq(ssoProviders.enabled, true)));
  return row ?? null;
}

/** Those of the domains another organization already signs in with. */
export async function domainsTakenElsewhere(
  db: DbOrTx,
  orgId: string,
  domains: string[],
): Promise<string[]> {
  if (domains.length === 0) return [];
  const rows = await db
    .select({ domain: ssoDomains.domain })
    .from(ssoDomains)
    .where(and(inArray(ssoDomains.domain, domains), ne(ssoDomains.orgId, orgId)));
  return rows.map((r) => r.domain);
}

/** Writes the provider if its version is still `expected` (0: none yet); null when it moved. */
export async function saveSsoProvider(
  tx: DbOrTx,
  orgId: string,
  expected: number,
  values: SsoProviderValues,
): Promise<SsoProviderRow | null> {
  const [row] =
    expected === 0
      ? await tx
          .insert(ssoProviders)
          .values({ orgId, ...values })
          .onConflictDoNothing()
          .returning()
      : await tx
          .update(ssoProviders)
          .set({ ...values, version: sql`${ssoProviders.version} + 1`, updatedAt: sql`now()` })
          .where(and(eq(ssoProviders.orgId, orgId), eq(ssoProviders.version, expected)))
          .returning();
  return row ?? null;
}

/**
 * Makes these the organization's domains. Returns those another organization holds (claimed
 * since it was checked, by a save at the same moment): the caller then rolls back.
 */
export async function replaceSsoDomains(
  tx: DbOrTx,
  orgId: string,
  domains: string[],
): Promise<string[]> {
  await tx.delete(ssoDomains).where(eq(ssoDomains.orgId, orgId));
  if (domains.length === 0) return [];
  const claimed = await tx
    .insert(ssoDomains)
    .values(domains.map((domain) => ({ domain, orgId })))
    .onConflictDoNothing()
    .returning({ domain: ssoDomains.domain });
  return domains.filter((d) => !claimed.some((c) => c.domain === d));
}

/** Whether anyone has signed in through this provider yet (it works end to end). */
export async function hasSignedInThrough(db: DbOrTx, providerId: string): Promise<boolean> {
  const rows = await db
    .select({ id: account.id })
    .from(account)
    .where(eq(account.providerId, providerId))
    .limit(1);
  return rows.length > 0;
}

/** The person's subject at the provider, when they signed in through it before. */
export async function findAccountSubject(db: DbOrTx, userId: string, providerId: string) {
  const [row] = await db
    .select({ subject: account.accountId })
    .from(account)
    .where(and(eq(account.userId, userId), eq(account.providerId, providerId)))
    .limit(1);
  return row?.subject ?? null;
}

/** The organizations a user belongs to (SSO of one organization must not open the others). */
export async function organizationsOfUser(db: DbOrTx, userId: string): Promise<string[]> {
  const rows = await db
    .select({ orgId: member.organizationId })
    .from(member)
    .where(eq(member.userId, userId));
  return rows.map((r) => r.orgId);
}

/** Whether the person with this email is a member of the organization. */
export async function isMemberByEmail(db: DbOrTx, orgId: string, email: string): Promise<boolean> {
  const rows = await db
    .select({ id: member.id })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(and(eq(member.organizationId, orgId), eq(user.email, email.toLowerCase())))
    .limit(1);
  return rows.length > 0;
}
