import { type AccessNotice, type ChangeNotice, isChangeKind } from "./publish";

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;

/** A probe a hub sends itself to prove its LISTEN connection still delivers. */
export interface ProbeNotice {
  probe: string;
}

/**
 * Reads a payload from the channel. Anything malformed is dropped: a bad notice must never
 * take down the process that serves every screen.
 */
export function parseNotice(payload: string): ChangeNotice | AccessNotice | ProbeNotice | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  if (!isRecord(value)) return null;
  if (typeof value.probe === "string") return { probe: value.probe };
  if (value.kind === "sessions_ended") {
    const ids = Array.isArray(value.sessionIds) ? value.sessionIds : [];
    const sessionIds = ids.filter((id): id is string => typeof id === "string");
    return sessionIds.length > 0 ? { kind: "sessions_ended", sessionIds } : null;
  }
  if (value.kind === "member_changed" && typeof value.orgId === "string") {
    const { orgId, userId } = value;
    return typeof userId === "string"
      ? { kind: value.kind, orgId, userId }
      : { kind: value.kind, orgId };
  }
  if (value.kind === "member_removed") {
    const { orgId, userId } = value;
    if (typeof orgId !== "string" || typeof userId !== "string") return null;
    return { kind: value.kind, orgId, userId };
  }
  const { orgId, kind, goalId, displayId } = value;
  if (typeof orgId !== "string" || typeof kind !== "string" || !isChangeKind(kind)) return null;
  const notice: ChangeNotice = { orgId, kind };
  if (typeof goalId === "string") notice.goalId = goalId;
  if (typeof displayId === "string") notice.displayId = displayId;
  return notice;
}
