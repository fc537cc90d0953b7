import type { Database } from "@tandem/db";
import {
  claimDueNotifications,
  findChatChannel,
  markNotificationFailed,
  markNotificationSent,
  type NotificationRow,
  recordChannelResult,
} from "@tandem/db/queries/notifications";
import { z } from "zod";
import type { Logger } from "../lib/logger";
import type { Mailer } from "../lib/mail/mailer";
import { describeError } from "../lib/redact";
import type { SecretBox } from "../lib/secret-box";
import { postWebhook } from "./chat/post-webhook";

/** Longer than any one send may take (SMTP and webhook timeouts), so a live claim is never taken over. */
export const LEASE_MS = 5 * 60_000;
export const MAX_ATTEMPTS = 5;
const BATCH = 25;

export const emailMessageSchema = z.object({
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
});
export const chatMessageSchema = z.object({ body: z.unknown() });

/** 1, 2, 4, 8 minutes after the 1st … 4th failed attempt; the 5th gives up. */
export function retryAt(attempts: number, now: Date): Date | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  return new Date(now.getTime() + 2 ** (attempts - 1) * 60_000);
}

export interface DeliveryDeps {
  database: Database;
  mailer: Mailer;
  secretBox: SecretBox;
  logger: Logger;
}

/**
 * Why a send failed, in words an owner can act on, never with the webhook's URL (a secret):
 * fetch says only "fetch failed", the reason is in its cause.
 */
export function failureReason(error: unknown): string {
  const described = describeError(error);
  const cause = described.cause ? ` (${described.cause.code ?? described.cause.message})` : "";
  return `${described.message}${cause}`.replace(/https?:\/\/\S+/g, "[address]");
}

async function sendOne(deps: DeliveryDeps, row: NotificationRow, now: Date): Promise<void> {
  const db = deps.database.db;
  if (row.channelId) {
    const channel = await findChatChannel(db, row.orgId, row.channelId);
    if (!channel) throw new Error("the chat channel was removed");
    const { body } = chatMessageSchema.parse(row.message);
    try {
      await postWebhook(deps.secretBox.open(channel.urlCiphertext), body);
      await recordChannelResult(db, row.orgId, channel.id, { ok: true, at: now });
    } catch (error) {
      await recordChannelResult(db, row.orgId, channel.id, {
        ok: false,
        at: now,
        error: failureReason(error),
      });
      throw error;
    }
    return;
  }
  const mail = emailMessageSchema.parse(row.message);
  await deps.mailer.send({ ...mail, kind: row.kind, orgId: row.orgId });
}

/**
 * Sends what is due in one organization: claim a batch, send each, record the outcome, until
 * nothing is left. Returns how many were sent and how many failed this time.
 */
export async function deliverDue(
  deps: DeliveryDeps,
  orgId: string,
  now: () => Date,
): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (;;) {
    const at = now();
    const rows = await claimDueNotifications(
      deps.database.db,
      orgId,
      at,
      new Date(at.getTime() + LEASE_MS),
      BATCH,
    );
    if (rows.length === 0) return { sent, failed };
    for (const row of rows) {
      try {
        await sendOne(deps, row, at);
        await markNotificationSent(deps.database.db, orgId, row.key, now());
        sent++;
      } catch (error) {
        failed++;
        const reason = failureReason(error);
        deps.logger.warn("could not send a notification", { orgId, key: row.key, reason });
        await markNotificationFailed(
          deps.database.db,
          orgId,
          row.key,
          reason,
          retryAt(row.attempts, now()),
        );
      }
    }
  }
}
