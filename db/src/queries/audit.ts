import { and, desc, eq, gte, inArray, like, lt } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { apiKeys, auditLog, goals, keyResults, member, teams, user } from "../schema/index";

export interface Actor {
  kind: "user" | "api_key" | "system";
  id: string;
}

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Call inside the transaction of the change, so the log and the data never disagree. */
export async function writeAudit(
  tx: DbOrTx,
  orgId: string,
  actor: Actor,
  entry: AuditEntry,
): Promise<void> {
  await tx.insert(auditLog).values({
    orgId,
    actorKind: actor.kind,
    actorId: actor.id,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}

/** Which entries a reader asks for: by a person, of a kind, within instants. */
export interface AuditFilter {
  actorId?: string;
  /** A kind of change: actions starting with this prefix ("check_in."). */
  actionPrefix?: string;
  actions?: readonly string[];
  entities?: readonly string[];
  from?: Date;
  to?: Date;
}

/** Newest first, paged by the id of the last row seen. */
export function listAudit(
  db: DbOrTx,
  orgId: string,
  options: { limit: number; beforeId?: number } & AuditFilter,
) {
  return db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.orgId, orgId),
        options.beforeId === undefined ? undefined : lt(auditLog.id, options.beforeId),
        options.actorId === undefined ? undefined : eq(auditLog.actorId, options.actorId),
        options.actionPrefix === undefined
          ? undefined
          : like(auditLog.action, `${options.actionPrefix}%`),
        options.actions === undefined ? undefined : inArray(auditLog.action, [...options.actions]),
        options.entities === undefined
          ? undefined
          : inArray(auditLog.entity, [...options.entities]),
        options.from === undefined ? undefined : gte(auditLog.createdAt, options.from),
        options.to === undefined ? undefined : lt(auditLog.createdAt, options.to),
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(options.limit);
}

/**
 * The names an audit page is told in: people (with role and team), API keys, goals, key
 * results and teams of the organization, and people no longer in it among `userIds`.
 */
export async function auditNames(db: DbOrTx, orgId: string, userIds: readonly string[]) {
  const [people, keys, goalRows, keyResultRows, teamRows] = await Promise.all([
    db
      .select({ id: user.id, name: user.name, role: member.role, teamId: member.teamId })
      .from(member)
      .innerJoin(user, eq(user.id, member.userId))
      .where(eq(member.organizationId, orgId)),
    db.select({ id: apiKeys.id, name: apiKeys.name }).from(apiKeys).where(eq(apiKeys.orgId, orgId)),
    db.select({ id: goals.id, name: goals.name }).from(goals).where(eq(goals.orgId, orgId)),
    db
      .select({ id: keyResults.id, title: keyResults.title, unit: keyResults.unit })
      .from(keyResults)
      .where(eq(keyResults.orgId, orgId)),
    db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.orgId, orgId)),
  ]);
  const known = new Set(people.map((p) => p.id));
  const gone = userIds.filter((id) => !known.has(id));
  const former =
    gone.length === 0
      ? []
      : await db.select({ id: user.id, name: user.name }).from(user).where(inArray(user.id, gone));
  return { people, former, keys, goals: goalRows, keyResults: keyResultRows, teams: teamRows };
}
