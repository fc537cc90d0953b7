/**
 * The audit log told in words: "Priya Raman (Marketing lead) checked in on Webinar
 * attendance: 712". Pure: the names come in, a sentence goes out.
 */

export const auditKinds = [
  "check_in",
  "key_result",
  "goal",
  "lead_feedback",
  "member",
  "team",
  "api_key",
  "display",
  "ingest",
  "settings",
] as const;
export type AuditKind = (typeof auditKinds)[number];

/** Which entries each kind covers, as the log's action and entity spell them. */
export const auditKindRules: Record<
  AuditKind,
  { actionPrefix?: string; actions?: string[]; entities?: string[] }
> = {
  check_in: { actionPrefix: "check_in." },
  key_result: { actionPrefix: "key_result." },
  goal: { entities: ["goal"] },
  lead_feedback: { entities: ["lead_feedback"] },
  member: { entities: ["member", "invitation"] },
  team: { entities: ["team"] },
  api_key: { entities: ["api_key"] },
  display: { entities: ["display"] },
  ingest: { actions: ["ingest"] },
  settings: { entities: ["chat_channel", "deal_stages"] },
};

export interface AuditRecord {
  actor: { kind: "user" | "api_key" | "system"; id: string };
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

export function kindOf(entry: Pick<AuditRecord, "action" | "entity">): AuditKind | null {
  for (const kind of auditKinds) {
    const rule = auditKindRules[kind];
    if (rule.actionPrefix && entry.action.startsWith(rule.actionPrefix)) return kind;
    if (rule.actions?.includes(entry.action)) return kind;
    if (rule.entities?.includes(entry.entity)) return kind;
  }
  return null;
}

type Unit = "count" | "percent" | "currency" | "duration";

export interface AuditNames {
  people: ReadonlyMap<string, { name: string; role: string; team: string | null }>;
  apiKeys: ReadonlyMap<string, string>;
  goals: ReadonlyMap<string, string>;
  keyResults: ReadonlyMap<string, { title: string; unit: Unit }>;
  currency: string;
}

const roleWords: Record<string, string> = {
  owner: "Owner",
  exec: "Executive",
  lead: "lead",
  member: "member",
  viewer: "Viewer",
};

/** "Priya Raman (Marketing lead)", "the API key CRM sync", "Tandem". */
export function actorWords(actor: AuditRecord["actor"], names: AuditNames): string {
  if (actor.kind === "system") return "Tandem";
  if (actor.kind === "api_key") {
    const key = names.apiKeys.get(actor.id);
    return key ? `The API key "${key}"` : "An API key";
  }
  const person = names.people.get(actor.id);
  if (!person) return "A former member";
  const role =
    person.role === "lead" || person.role === "member"
      ? person.team
        ? `${person.team} ${roleWords[person.role]}`
        : person.role === "lead"
          ? "Team lead"
          : "Member"
      : (roleWords[person.role] ?? person.role);
  return `${person.name} (${role})`;
}

function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null ? Reflect.get(value, key) : undefined;
}

function text(value: unknown, key: string): string | undefined {
  const v = field(value, key);
  return typeof v === "string" && v !== "" ? v : undefined;
}

function num(value: unknown, key: string): number | undefined {
  const v = field(value, key);
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

function formatValue(value: number, unit: Unit, currency: string): string {
  switch (unit) {
    case "percent":
      return new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 }).format(
        value,
      );
    case "currency":
      return new Intl.NumberFormat("en-US", {
        style: "currency",
        currency,
        maximumFractionDigits: 0,
      }).format(value);
    case "duration":
      return `${new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 }).format(value)} h`;
    default:
      return new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 }).format(value);
  }
}

const reasonWords: Record<string, string> = {
  not_icp: "not our ideal customer",
  no_budget: "no budget",
  bad_timing: "bad timing",
  duplicate: "duplicate",
  no_response: "no response",
  other: "other",
};

function checkInWords(entry: AuditRecord, names: AuditNames): string {
  const keyResult = names.keyResults.get(entry.entityId);
  const title = keyResult?.title ?? "a key result";
  const value = (row: unknown) => {
    const v = num(row, "value");
    return v === undefined ? undefined : formatValue(v, keyResult?.unit ?? "count", names.currency);
  };
  const said = (row: unknown) => value(row) ?? `confidence ${num(row, "confidence") ?? "?"}/10`;
  switch (entry.action) {
    case "check_in.create":
      return `checked in on ${title}: ${said(entry.after)}`;
    case "check_in.update": {
      const before = said(entry.before);
      const after = said(entry.after);
      return before === after
        ? `corrected a check-in on ${title}`
        : `corrected a check-in on ${title}: ${before} → ${after}`;
    }
    case "check_in.delete":
      return `deleted a check-in on ${title} (${said(entry.before)})`;
    default:
      return `changed a check-in on ${title}`;
  }
}

const roleNames: Record<string, string> = {
  owner: "owner",
  exec: "executive",
  lead: "team lead",
  member: "member",
  viewer: "viewer",
};

function personOf(row: unknown, names: AuditNames): string {
  const userId = text(row, "userId");
  const known = userId ? names.people.get(userId)?.name : undefined;
  return known ?? text(row, "name") ?? text(row, "email") ?? "a member";
}

/** What was done, after the actor's words: "checked in on Webinar attendance: 712". */
function deedWords(entry: AuditRecord, names: AuditNames): string {
  const { action, entity, before, after } = entry;
  if (action.startsWith("check_in.")) return checkInWords(entry, names);
  const row = after ?? before;
  switch (action) {
    case "key_result.create":
      return `added the key result ${text(after, "title") ?? ""}`.trim();
    case "key_result.update":
      return `edited the key result ${text(after, "title") ?? text(before, "title") ?? ""}`.trim();
    case "key_result.archive":
      return `archived the key result ${text(row, "title") ?? ""}`.trim();
    case "key_result.restore":
      return `restored the key result ${text(row, "title") ?? ""}`.trim();
    case "goal.create":
      return `created the goal ${text(after, "name") ?? ""}`.trim();
    case "goal.update":
      return `changed the goal ${text(after, "name") ?? names.goals.get(entry.entityId) ?? ""}`.trim();
    case "forecast_call.create":
      return `made a forecast call on ${names.goals.get(entry.entityId) ?? "a goal"}`;
    case "member.invite":
      return `invited ${text(after, "email") ?? "someone"} as ${roleNames[text(after, "role") ?? ""] ?? "a member"}`;
    case "member.accept":
      return "joined the organization";
    case "member.update": {
      const role = text(after, "role");
      return `made ${personOf(after, names)} ${role ? `a${role === "owner" || role === "exec" ? "n" : ""} ${roleNames[role] ?? role}` : "a member"}`;
    }
    case "member.remove":
      return `removed ${personOf(before, names)} from the organization`;
    case "member.sign_out":
      return `signed ${personOf(after, names)} out everywhere`;
    case "team.create":
      return `created the team ${text(after, "name") ?? ""}`.trim();
    case "display.create":
      return `created the TV display "${text(after, "name") ?? ""}"`;
    case "display.revoke":
      return `revoked the TV display "${text(row, "name") ?? ""}"`;
    case "chat_channel.create":
      return `connected the chat channel "${text(after, "name") ?? ""}"`;
    case "chat_channel.delete":
      return `removed the chat channel "${text(before, "name") ?? ""}"`;
    case "ingest": {
      const records = num(after, "records") ?? 0;
      const inserted = num(after, "inserted") ?? 0;
      const updated = num(after, "updated") ?? 0;
      const via = text(after, "via");
      return `sent ${records.toLocaleString("en-US")} ${entity === "leads" || entity === "deals" || entity === "touchpoints" ? entity : "records"}${via === "csv" ? " by CSV" : ""}: ${inserted.toLocaleString("en-US")} new, ${updated.toLocaleString("en-US")} updated`;
    }
    default:
      break;
  }
  if (entity === "lead_feedback") {
    const lead = text(row, "leadExternalId") ?? "a lead";
    if (action === "delete") return `withdrew a verdict on lead ${lead}`;
    const verdict = text(after, "verdict");
    const reason = reasonWords[text(after, "reason") ?? ""];
    return verdict === "accepted"
      ? `accepted lead ${lead}`
      : `rejected lead ${lead}${reason ? ` (${reason})` : ""}`;
  }
  if (entity === "api_key") {
    const name = text(row, "name");
    return `${action === "revoke" ? "revoked" : "created"} the API key${name ? ` "${name}"` : ""}`;
  }
  const verb = action.includes(".") ? (action.split(".").at(-1) ?? action) : action;
  return `${verb === "create" ? "created" : verb === "delete" ? "deleted" : verb === "update" ? "changed" : verb} ${entity.replaceAll("_", " ")}`;
}

export function auditSentence(entry: AuditRecord, names: AuditNames): string {
  return `${actorWords(entry.actor, names)} ${deedWords(entry, names)}`;
}
