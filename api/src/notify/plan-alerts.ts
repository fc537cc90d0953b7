import type { DbOrTx } from "@tandem/db";
import {
  bigWinsSince,
  findGoalWatch,
  moveGoalWatch,
  type NewNotification,
  planNotifications,
} from "@tandem/db/queries/notifications";
import type { EmailContent } from "../lib/mail/render-email";
import { toMajorUnits } from "../lib/money";
import { formatMoney, formatPercent, statusWords } from "./format";
import { type OrgContext, settingsFooter } from "./org-context";
import { chatMessage, emailMessage } from "./render-notice";

/** A win is big at twice the plan's average deal size. */
export const BIG_WIN_MULTIPLE = 2;

/** One alert to every exec and owner who wants alerts, and to every channel that takes them. */
function fanOut(context: OrgContext, eventKey: string, content: EmailContent): NewNotification[] {
  const people = context.people.filter(
    (p) => (p.role === "owner" || p.role === "exec") && p.preferences.alerts,
  );
  return [
    ...people.map((p) => ({
      key: `${eventKey}:${p.userId}`,
      kind: "alert" as const,
      userId: p.userId,
      channelId: null,
      message: emailMessage({ ...content, footer: settingsFooter(context, "alerts") }, p.email),
    })),
    ...context.channels
      .filter((c) => c.alerts)
      .map((c) => ({
        key: `${eventKey}:chat:${c.id}`,
        kind: "alert" as const,
        userId: null,
        channelId: c.id,
        message: chatMessage(content, c.kind),
      })),
  ];
}

/**
 * An event is announced once: its marker row (sent to nobody) and its messages are planned in
 * one transaction, and only by whoever inserted the marker. `announce` false records the
 * marker alone: what was already true at the first look is history, not news.
 */
async function announceOnce(
  context: OrgContext,
  eventKey: string,
  announce: boolean,
  content: () => EmailContent,
): Promise<number> {
  return context.db.transaction(async (tx: DbOrTx) => {
    const marker = await planNotifications(
      tx,
      context.org.id,
      [
        {
          key: eventKey,
          kind: "alert",
          userId: null,
          channelId: null,
          message: {},
          status: "sent",
        },
      ],
      context.now,
    );
    if (marker.length === 0 || !announce) return 0;
    return (
      await planNotifications(tx, context.org.id, fanOut(context, eventKey, content()), context.now)
    ).length;
  });
}

/** Goal status changes (either way), big wins and key results hit. */
export async function planAlerts(context: OrgContext): Promise<number> {
  const { goal, summary, db } = context;
  if (!goal || !summary) return 0;
  const orgId = context.org.id;
  const dashboard = `${context.origin}/`;
  const money = (minor: number) => formatMoney(toMajorUnits(minor, goal.currency), goal.currency);
  const watch = await findGoalWatch(db, orgId, goal.id);
  const firstLook = watch === null;
  if (firstLook) await moveGoalWatch(db, orgId, goal.id, null, summary.status, context.now);
  let planned = 0;

  if (watch && watch.status !== summary.status) {
    const from = watch.status;
    const to = summary.status;
    planned += await db.transaction(async (tx: DbOrTx) => {
      // Only the instance that moves the watch announces the change.
      if (!(await moveGoalWatch(tx, orgId, goal.id, from, to, context.now))) return 0;
      if (from === "not_started" || to === "not_started") return 0;
      const content: EmailContent = {
        subject: `${summary.goal.name} is now ${statusWords[to]} (was ${statusWords[from]})`,
        title: `${summary.goal.name}: ${statusWords[to]}`,
        blocks: [
          {
            kind: "facts",
            rows: [
              ["Status", `${statusWords[from]} → ${statusWords[to]}`],
              [
                "Revenue",
                `${formatMoney(summary.actual, goal.currency)} of ${formatMoney(summary.target, goal.currency)}`,
              ],
              [
                "Projection",
                summary.projected === null ? "–" : formatMoney(summary.projected, goal.currency),
              ],
            ],
          },
          { kind: "action", label: "See why on the dashboard", url: dashboard },
        ],
      };
      return (
        await planNotifications(
          tx,
          orgId,
          fanOut(context, `alert:status:${goal.id}:${context.now.toISOString()}`, content),
          context.now,
        )
      ).length;
    });
  }

  const since = watch?.watchedSince ?? context.now;
  for (const win of await bigWinsSince(db, orgId, since, BIG_WIN_MULTIPLE * goal.avgDealSize)) {
    planned += await announceOnce(context, `alert:win:${win.externalId}`, !firstLook, () => ({
      subject: `Big win: ${money(win.amount)}${win.owner ? ` by ${win.owner}` : ""}`,
      title: `A big win: ${money(win.amount)}`,
      blocks: [
        {
          kind: "paragraph",
          text: `Deal ${win.externalId}${win.owner ? `, closed by ${win.owner}` : ""}, is ${BIG_WIN_MULTIPLE}× the plan's average deal or more. Credit to both teams: see where it came from on the attribution screen.`,
        },
        { kind: "action", label: "Open the dashboard", url: dashboard },
      ],
    }));
  }

  for (const kr of summary.keyResults.filter((k) => !k.archived && (k.progress ?? 0) >= 1)) {
    planned += await announceOnce(context, `alert:kr-hit:${kr.id}`, !firstLook, () => ({
      subject: `Key result hit: ${kr.title}`,
      title: `${kr.team.name} hit “${kr.title}”`,
      blocks: [
        {
          kind: "paragraph",
          text: `${kr.current ?? "–"} against a target of ${kr.target} (${formatPercent(kr.progress)} of the way).`,
        },
        {
          kind: "action",
          label: "Open the key result",
          url: `${context.origin}/check-ins?kr=${encodeURIComponent(kr.id)}`,
        },
      ],
    }));
  }
  return planned;
}
