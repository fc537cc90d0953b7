import type { RouteHandler } from "@hono/zod-openapi";
import { writeAudit } from "@tandem/db/queries/audit";
import { newId } from "@tandem/db/queries/ids";
import {
  type ChatChannelRow,
  deleteChatChannel,
  findChatChannel,
  insertChatChannel,
  listChatChannels,
  recentChannelNotifications,
  recordChannelResult,
} from "@tandem/db/queries/notifications";
import { publicOrigin } from "../../lib/addresses";
import type { AppEnv } from "../../lib/context";
import { ApiError } from "../../lib/errors";
import { maskWebhookUrl } from "../../notify/chat/chat-url";
import { postWebhook } from "../../notify/chat/post-webhook";
import { failureReason } from "../../notify/deliver";
import { chatMessage } from "../../notify/render-notice";
import type {
  createChatChannelRoute,
  deleteChatChannelRoute,
  listChatChannelsRoute,
  testChatChannelRoute,
} from "./chat-channels.routes";

const RECENT_PER_CHANNEL = 5;

type Recent = Awaited<ReturnType<typeof recentChannelNotifications>>;

function channelView(row: ChatChannelRow, recent: Recent = []) {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    urlMask: row.urlMask,
    reminders: row.reminders,
    digest: row.digest,
    alerts: row.alerts,
    lastSuccessAt: row.lastSuccessAt?.toISOString() ?? null,
    lastFailureAt: row.lastFailureAt?.toISOString() ?? null,
    lastError: row.lastError,
    recent: recent
      .filter((n) => n.channelId === row.id)
      .slice(0, RECENT_PER_CHANNEL)
      .map((n) => ({
        kind: n.kind,
        status: n.status,
        attempts: n.attempts,
        lastError: n.lastError,
        createdAt: n.createdAt.toISOString(),
        sentAt: n.sentAt?.toISOString() ?? null,
      })),
  };
}

/** What the audit log keeps of a channel: never the sealed URL. */
const auditView = ({ urlCiphertext: _secret, ...rest }: ChatChannelRow) => rest;

export const list: RouteHandler<typeof listChatChannelsRoute, AppEnv> = async (c) => {
  const { database, tenant } = c.var;
  const [channels, recent] = await Promise.all([
    listChatChannels(database.db, tenant.orgId),
    recentChannelNotifications(database.db, tenant.orgId, 200),
  ]);
  return c.json({ channels: channels.map((row) => channelView(row, recent)) }, 200);
};

export const create: RouteHandler<typeof createChatChannelRoute, AppEnv> = async (c) => {
  const { database, tenant, secretBox } = c.var;
  const body = c.req.valid("json");
  const row = await database.db.transaction(async (tx) => {
    const inserted = await insertChatChannel(tx, {
      orgId: tenant.orgId,
      id: newId("chat"),
      kind: body.kind,
      name: body.name,
      urlCiphertext: secretBox.seal(body.url),
      urlMask: maskWebhookUrl(body.url),
      reminders: body.reminders,
      digest: body.digest,
      alerts: body.alerts,
      createdBy: tenant.userId,
    });
    await writeAudit(
      tx,
      tenant.orgId,
      { kind: "user", id: tenant.userId },
      {
        action: "chat_channel.create",
        entity: "chat_channel",
        entityId: inserted.id,
        after: auditView(inserted),
      },
    );
    return inserted;
  });
  return c.json(channelView(row), 201);
};

export const test: RouteHandler<typeof testChatChannelRoute, AppEnv> = async (c) => {
  const { database, tenant, secretBox } = c.var;
  const channel = await findChatChannel(database.db, tenant.orgId, c.req.valid("param").id);
  if (!channel) throw new ApiError("not_found", "No such chat channel in your organization");
  const { body } = chatMessage(
    {
      subject: `Tandem is connected to ${channel.name}`,
      title: "Tandem is connected",
      blocks: [
        {
          kind: "paragraph",
          text: `${tenant.organization.name} will post ${[channel.reminders && "check-in reminders", channel.digest && "the Monday digest", channel.alerts && "alerts"].filter(Boolean).join(", ") || "nothing yet"} here.`,
        },
        { kind: "action", label: "Open Tandem", url: `${publicOrigin(c, c.var.addresses)}/` },
      ],
    },
    channel.kind,
  );
  const now = new Date();
  try {
    await postWebhook(secretBox.open(channel.urlCiphertext), body);
    await recordChannelResult(database.db, tenant.orgId, channel.id, { ok: true, at: now });
    return c.json({ ok: true, error: null }, 200);
  } catch (error) {
    const reason = failureReason(error);
    await recordChannelResult(database.db, tenant.orgId, channel.id, {
      ok: false,
      at: now,
      error: reason,
    });
    return c.json({ ok: false, error: reason }, 200);
  }
};

export const remove: RouteHandler<typeof deleteChatChannelRoute, AppEnv> = async (c) => {
  const { database, tenant } = c.var;
  const { id } = c.req.valid("param");
  await database.db.transaction(async (tx) => {
    const current = await findChatChannel(tx, tenant.orgId, id);
    if (!current || !(await deleteChatChannel(tx, tenant.orgId, id))) {
      throw new ApiError("not_found", "No such chat channel in your organization");
    }
    await writeAudit(
      tx,
      tenant.orgId,
      { kind: "user", id: tenant.userId },
      {
        action: "chat_channel.delete",
        entity: "chat_channel",
        entityId: id,
        before: auditView(current),
      },
    );
  });
  return c.body(null, 204);
};
