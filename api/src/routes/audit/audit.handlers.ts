import type { RouteHandler } from "@hono/zod-openapi";
import { auditNames, listAudit } from "@tandem/db/queries/audit";
import {
  type AuditNames,
  actorWords,
  auditKindRules,
  auditSentence,
  kindOf,
} from "../../audit/audit-words";
import type { AppEnv } from "../../lib/context";
import { assertRole } from "../../lib/tenant";
import { addCalendarDays } from "../../revenue/calendar";
import { startOfDayIn } from "../../summary/org-calendar";
import type { listAuditRoute } from "./audit.routes";

export const list: RouteHandler<typeof listAuditRoute, AppEnv> = async (c) => {
  const { tenant, database } = c.var;
  assertRole(tenant.role, "owner", "read the audit log");
  const { limit, cursor, actor, kind, from, to } = c.req.valid("query");
  const timezone = tenant.organization.timezone;
  const rows = await listAudit(database.db, tenant.orgId, {
    limit: limit + 1,
    beforeId: cursor === undefined ? undefined : Number(cursor),
    actorId: actor,
    ...(kind && auditKindRules[kind]),
    from: from === undefined ? undefined : startOfDayIn(from, timezone),
    to: to === undefined ? undefined : startOfDayIn(addCalendarDays(to, 1), timezone),
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const sources = await auditNames(
    database.db,
    tenant.orgId,
    page.filter((r) => r.actorKind === "user").map((r) => r.actorId),
  );
  const teams = new Map(sources.teams.map((t) => [t.id, t.name]));
  const names: AuditNames = {
    people: new Map([
      ...sources.former.map(
        (p) => [p.id, { name: p.name, role: "former member", team: null }] as const,
      ),
      ...sources.people.map(
        (p) =>
          [
            p.id,
            { name: p.name, role: p.role, team: p.teamId ? (teams.get(p.teamId) ?? null) : null },
          ] as const,
      ),
    ]),
    apiKeys: new Map(sources.keys.map((k) => [k.id, k.name])),
    goals: new Map(sources.goals.map((g) => [g.id, g.name])),
    keyResults: new Map(sources.keyResults.map((k) => [k.id, { title: k.title, unit: k.unit }])),
    currency: tenant.organization.currency,
  };
  return c.json(
    {
      entries: page.map((row) => {
        const record = {
          actor: { kind: row.actorKind, id: row.actorId },
          action: row.action,
          entity: row.entity,
          entityId: row.entityId,
          before: row.before,
          after: row.after,
        };
        return {
          id: row.id,
          ...record,
          actor: { ...record.actor, name: actorWords(record.actor, names) },
          summary: auditSentence(record, names),
          kind: kindOf(record),
          createdAt: row.createdAt.toISOString(),
        };
      }),
      nextCursor: rows.length > limit && last ? String(last.id) : null,
    },
    200,
  );
};
