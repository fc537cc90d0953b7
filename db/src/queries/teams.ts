import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { member, organization, teams } from "../schema/index";

export async function findTeam(db: DbOrTx, orgId: string, teamId: string) {
  const rows = await db
    .select({ id: teams.id, name: teams.name, function: teams.function })
    .from(teams)
    .where(and(eq(teams.orgId, orgId), eq(teams.id, teamId)))
    .limit(1);
  return rows[0] ?? null;
}

export function listTeams(db: DbOrTx, orgId: string) {
  return db
    .select({
      id: teams.id,
      name: teams.name,
      function: teams.function,
      createdAt: teams.createdAt,
    })
    .from(teams)
    .where(eq(teams.orgId, orgId))
    .orderBy(asc(teams.name));
}

/** The organizations a user belongs to, for switching; reads only the user's own memberships. */
export function listUserOrganizations(db: DbOrTx, userId: string) {
  return db
    .select({ id: organization.id, name: organization.name })
    .from(member)
    .innerJoin(organization, eq(organization.id, member.organizationId))
    .where(eq(member.userId, userId))
    .orderBy(asc(organization.name));
}

export async function insertTeam(
  tx: DbOrTx,
  orgId: string,
  team: { id: string; name: string; function: (typeof teams.$inferInsert)["function"] },
) {
  const [row] = await tx
    .insert(teams)
    .values({ orgId, ...team })
    .onConflictDoNothing()
    .returning({
      id: teams.id,
      name: teams.name,
      function: teams.function,
      createdAt: teams.createdAt,
    });
  return row ?? null;
}
