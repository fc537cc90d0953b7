import { countRemindersSince } from "@tandem/db/queries/notifications";
import type { EmailContent } from "../lib/mail/render-email";
import { startOfDayIn } from "../summary/org-calendar";
import type { KeyResultView } from "../summary/summary-schema";
import { type OrgContext, type Person, settingsFooter } from "./org-context";
import { reminderDayDue } from "./org-time";
import { type Candidate, planMissing } from "./plan";
import { chatMessage, emailMessage } from "./render-notice";

/** Reminders sent and unanswered before the exec of the key result's team is told. */
export const REMINDERS_BEFORE_ESCALATION = 2;

const checkInUrl = (context: OrgContext, kr: KeyResultView) =>
  `${context.origin}/check-ins?kr=${encodeURIComponent(kr.id)}`;

function lastSeen(kr: KeyResultView): string {
  return kr.lastCheckIn
    ? `last check-in ${kr.lastCheckIn.createdAt.slice(0, 10)}, every ${kr.cadenceDays} days`
    : `no check-in yet, every ${kr.cadenceDays} days`;
}

function reminderContent(context: OrgContext, krs: KeyResultView[], footer: string): EmailContent {
  const [first] = krs;
  const one = krs.length === 1 && first;
  return {
    subject: one
      ? `Check-in due: ${first.title}`
      : `${krs.length} check-ins due in ${context.org.name}`,
    title: one
      ? `Time to check in on “${first.title}”`
      : `${krs.length} key results wait for a check-in`,
    blocks: [
      {
        kind: "paragraph",
        text: "Both teams read these on the dashboard and the TV. A value, a confidence and a line on why take a minute.",
      },
      { kind: "list", items: krs.map((kr) => `${kr.title} (${kr.team.name}): ${lastSeen(kr)}`) },
      ...krs.map((kr) => ({
        kind: "action" as const,
        label: `Check in: ${kr.title}`,
        url: checkInUrl(context, kr),
      })),
    ],
    footer,
  };
}

function escalationContent(context: OrgContext, kr: KeyResultView, leads: Person[]): EmailContent {
  const who = leads.map((l) => l.name).join(", ") || `nobody leads ${kr.team.name}`;
  return {
    subject: `No check-in on ${kr.title} after ${REMINDERS_BEFORE_ESCALATION} reminders`,
    title: `“${kr.title}” has gone quiet`,
    blocks: [
      {
        kind: "paragraph",
        text: `${kr.team.name} was reminded ${REMINDERS_BEFORE_ESCALATION} times and has not checked in (${lastSeen(kr)}). Reminded: ${who}.`,
      },
      { kind: "action", label: "Open the key result", url: checkInUrl(context, kr) },
    ],
    footer: settingsFooter(context, "escalations"),
  };
}

/** The execs of a team; none there: the organization's execs without a team; then its owners. */
function execsOf(context: OrgContext, teamId: string): Person[] {
  const execs = context.people.filter((p) => p.role === "exec");
  const onTeam = execs.filter((p) => p.teamId === teamId);
  if (onTeam.length > 0) return onTeam;
  const unassigned = execs.filter((p) => p.teamId === null);
  if (unassigned.length > 0) return unassigned;
  return context.people.filter((p) => p.role === "owner");
}

/**
 * Overdue key results remind their team's leads once a day at most (the key names the
 * person and the day), one email listing all of theirs; chat channels get one list a day.
 * A key result reminded twice with no check-in since tells its team's exec, once per silence.
 */
export async function planReminders(context: OrgContext): Promise<number> {
  const day = reminderDayDue(context.now, context.org.timezone);
  if (!day || !context.summary) return 0;
  const overdue = context.summary.keyResults.filter((kr) => kr.overdue && !kr.archived);
  if (overdue.length === 0) return 0;
  const rows: Candidate<void>[] = [];

  // Escalations first, counting only reminders of earlier days: the exec hears the day after
  // the second reminder went unanswered.
  const startOfToday = startOfDayIn(day, context.org.timezone);
  for (const kr of overdue) {
    const since = new Date(kr.lastCheckIn?.createdAt ?? 0);
    const reminded = await countRemindersSince(
      context.db,
      context.org.id,
      kr.id,
      since,
      startOfToday,
    );
    if (reminded < REMINDERS_BEFORE_ESCALATION) continue;
    const leads = context.people.filter((p) => p.role === "lead" && p.teamId === kr.team.id);
    for (const exec of execsOf(context, kr.team.id)) {
      if (!exec.preferences.reminders) continue;
      rows.push({
        key: `escalation:${kr.id}:${since.toISOString()}:${exec.userId}`,
        build: () => ({
          kind: "escalation",
          userId: exec.userId,
          channelId: null,
          message: emailMessage(escalationContent(context, kr, leads), exec.email),
          refs: { keyResultIds: [kr.id] },
        }),
      });
    }
  }

  const byLead = new Map<string, { person: Person; krs: KeyResultView[] }>();
  for (const kr of overdue) {
    for (const lead of context.people.filter((p) => p.role === "lead" && p.teamId === kr.team.id)) {
      const entry = byLead.get(lead.userId) ?? { person: lead, krs: [] };
      entry.krs.push(kr);
      byLead.set(lead.userId, entry);
    }
  }
  for (const { person, krs } of byLead.values()) {
    if (!person.preferences.reminders) continue;
    rows.push({
      key: `reminder:${day}:${person.userId}`,
      build: () => ({
        kind: "reminder",
        userId: person.userId,
        channelId: null,
        message: emailMessage(
          reminderContent(context, krs, settingsFooter(context, "check-in reminders")),
          person.email,
        ),
        refs: { keyResultIds: krs.map((kr) => kr.id) },
      }),
    });
  }
  for (const channel of context.channels.filter((c) => c.reminders)) {
    rows.push({
      key: `reminder:${day}:chat:${channel.id}`,
      build: () => ({
        kind: "reminder",
        userId: null,
        channelId: channel.id,
        message: chatMessage(
          reminderContent(context, overdue, `Posted by Tandem for ${context.org.name}`),
          channel.kind,
        ),
        refs: { keyResultIds: overdue.map((kr) => kr.id) },
      }),
    });
  }
  return planMissing(context, rows, () => undefined);
}
