import type { ChatKind } from "@tandem/db/schema";
import { type EmailContent, renderEmail } from "../lib/mail/render-email";
import { slackMessage } from "./chat/slack";
import { teamsMessage } from "./chat/teams";

/** What an email notification row holds: the message as sent, fixed when it was planned. */
export function emailMessage(content: EmailContent, to: string) {
  return { to, ...renderEmail(content) };
}

/** What a chat notification row holds: the body posted to the channel's webhook. */
export function chatMessage(content: EmailContent, kind: ChatKind) {
  return { body: kind === "slack" ? slackMessage(content) : teamsMessage(content) };
}
