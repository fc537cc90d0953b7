import type { DbOrTx } from "@tandem/db";
import { findGoalOn, type GoalRow } from "@tandem/db/queries/goals";
import { listMembers } from "@tandem/db/queries/members";
import {
  type ChatChannelRow,
  DEFAULT_PREFERENCES,
  findOrgOrigin,
  listChatChannels,
  listPreferences,
  type Preferences,
} from "@tandem/db/queries/notifications";
import { buildSummary } from "../summary/build-summary";
import type { GoalSummary } from "../summary/summary-schema";
import { localMoment } from "./org-time";

export interface Person {
  userId: string;
  name: string;
  email: string;
  role: string;
  teamId: string | null;
  preferences: Preferences;
}

/** What every planner of one organization reads, loaded once per tick. */
export interface OrgContext {
  db: DbOrTx;
  org: { id: string; name: string; timezone: string };
  now: Date;
  today: string;
  /** The origin every link in a message starts with. */
  origin: string;
  people: Person[];
  channels: ChatChannelRow[];
  goal: GoalRow | null;
  /** Today's summary of the goal, from the one function the dashboard uses. */
  summary: GoalSummary | null;
}

export async function loadOrgContext(
  db: DbOrTx,
  org: { id: string; name: string; timezone: string },
  now: Date,
  addresses: { publicUrl?: string; fallbackOrigin: string },
): Promise<OrgContext> {
  const today = localMoment(now, org.timezone).day;
  const [members, preferences, channels, goal, seenOrigin] = await Promise.all([
    listMembers(db, org.id),
    listPreferences(db, org.id),
    listChatChannels(db, org.id),
    findGoalOn(db, org.id, today),
    addresses.publicUrl ? Promise.resolve(null) : findOrgOrigin(db, org.id),
  ]);
  const summary = goal ? await buildSummary(db, goal, { timezone: org.timezone, now }) : null;
  return {
    db,
    org,
    now,
    today,
    origin: addresses.publicUrl
      ? new URL(addresses.publicUrl).origin
      : (seenOrigin ?? addresses.fallbackOrigin),
    people: members.map((m) => ({
      userId: m.userId,
      name: m.name,
      email: m.email,
      role: m.role ?? "member",
      teamId: m.teamId,
      preferences: preferences.get(m.userId) ?? DEFAULT_PREFERENCES,
    })),
    channels,
    goal,
    summary,
  };
}

/** The footer of every notification email: why it came and where to stop it. */
export function settingsFooter(context: OrgContext, what: string): string {
  return `You get ${what} as a member of ${context.org.name}. Change what you receive in Settings: ${context.origin}/settings#notifications`;
}
