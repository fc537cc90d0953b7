import { type ChangeNotice, isChangeKind } from "./publish";

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
export function parseNotice(payload: string): ChangeNotice | ProbeNotice | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  if (!isRecord(value)) return null;
  if (typeof value.probe === "string") return { probe: value.probe };
  const { orgId, kind, goalId, displayId } = value;
  if (typeof orgId !== "string" || typeof kind !== "string" || !isChangeKind(kind)) return null;
  const notice: ChangeNotice = { orgId, kind };
  if (typeof goalId === "string") notice.goalId = goalId;
  if (typeof displayId === "string") notice.displayId = displayId;
  return notice;
}
