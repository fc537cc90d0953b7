import type { EmailContent } from "../lib/mail/render-email";
import { digestContent } from "./digest-content";
import { type OrgContext, settingsFooter } from "./org-context";
import { digestWeekDue } from "./org-time";
import { type Candidate, planMissing } from "./plan";
import { chatMessage, emailMessage } from "./render-notice";

/**
 * Everyone's Monday digest (opt-out) and one post per chat channel, keyed by the week: the
 * figures are computed once, and only when some recipient's digest is not planned yet.
 */
export async function planDigest(context: OrgContext): Promise<number> {
  const week = digestWeekDue(context.now, context.org.timezone);
  const { goal, summary } = context;
  if (!week || !goal || !summary) return 0;
  const candidates: Candidate<EmailContent>[] = [];
  const people = context.people.filter((p) => p.preferences.digest);
  for (const person of people) {
    candidates.push({
      key: `digest:${week}:${person.userId}`,
      build: (content) => ({
        kind: "digest",
        userId: person.userId,
        channelId: null,
        message: emailMessage(
          { ...content, footer: settingsFooter(context, "the Monday digest") },
          person.email,
        ),
      }),
    });
  }
  for (const channel of context.channels.filter((c) => c.digest)) {
    candidates.push({
      key: `digest:${week}:chat:${channel.id}`,
      build: (content) => ({
        kind: "digest",
        userId: null,
        channelId: channel.id,
        message: chatMessage(content, channel.kind),
      }),
    });
  }
  return planMissing(context, candidates, () =>
    digestContent({
      db: context.db,
      goal,
      summary,
      orgName: context.org.name,
      timezone: context.org.timezone,
      now: context.now,
      origin: context.origin,
    }),
  );
}
