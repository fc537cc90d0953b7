import { hashPassword } from "better-auth/crypto";
import { inArray } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { account, member, organization, user } from "../schema/auth";
import { teams } from "../schema/teams";
import type { DemoCalendar } from "./calendar";
import { demoOrganization, demoTeams } from "./company";
import { DEMO_PASSWORD, demoPeople } from "./people";

/** The organization and its teams, created as of two months before the oldest quarter. */
export async function insertOrganization(tx: DbOrTx, calendar: DemoCalendar): Promise<void> {
  const oldest = calendar.quarters[0]?.startSec ?? calendar.cutoffSec;
  const createdAt = new Date((oldest - 60 * 24 * 3600) * 1000);
  await tx.insert(organization).values({ ...demoOrganization, createdAt });
  await tx
    .insert(teams)
    .values(demoTeams.map((t) => ({ orgId: demoOrganization.id, ...t, createdAt })));
}

/**
 * The demo people as better-auth stores them (a user and a credential account each) and their
 * memberships. A person whose email is already registered (say, the demo organization was
 * deleted and seeded again) keeps their account and password and just joins. Returns the user
 * id of each email.
 */
export async function insertPeople(tx: DbOrTx): Promise<Map<string, string>> {
  const emails = demoPeople.map((p) => p.email);
  const existing = await tx
    .select({ id: user.id, email: user.email })
    .from(user)
    .where(inArray(user.email, emails));
  const ids = new Map(existing.map((u) => [u.email, u.id]));
  const missing = demoPeople.filter((p) => !ids.has(p.email));
  if (missing.length > 0) {
    // scrypt is deliberately slow: one hash serves every demo person.
    const password = await hashPassword(DEMO_PASSWORD);
    await tx
      .insert(user)
      .values(
        missing.map((p) => ({ id: p.userId, name: p.name, email: p.email, emailVerified: true })),
      );
    await tx.insert(account).values(
      missing.map((p) => ({
        id: `account_${p.userId}`,
        accountId: p.userId,
        providerId: "credential",
        userId: p.userId,
        password,
      })),
    );
    for (const p of missing) ids.set(p.email, p.userId);
  }
  await tx.insert(member).values(
    demoPeople.map((p) => ({
      organizationId: demoOrganization.id,
      id: `member_${p.userId}`,
      userId: ids.get(p.email) ?? p.userId,
      role: p.role,
      teamId: p.teamId,
    })),
  );
  return ids;
}
