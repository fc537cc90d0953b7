import { createRoute, z } from "@hono/zod-openapi";
import { chatKinds, notificationStatuses } from "@tandem/db/schema";
import { idParamSchema, jsonBody, jsonResponse, problemResponses } from "../../lib/schemas";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

export const webhookUrlSchema = z
  .string()
  .trim()
  .max(2000)
  .url("must be the webhook's full URL, starting with https://")
  .refine((value) => {
    // Zod runs this check after a failed .url() too; an unparsable value has failed already.
    if (!URL.canParse(value)) return true;
    const url = new URL(value);
    // Plain http only to this machine (a relay on loopback); anywhere else the URL is a secret in transit.
    return url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.has(url.hostname));
  }, "must start with https://");

export const createChatChannelBody = z
  .strictObject({
    kind: z.enum(chatKinds).openapi({
      description:
        "slack: a Slack incoming webhook; teams: a Microsoft Teams (Workflows) incoming webhook",
    }),
    name: z.string().trim().min(1).max(100).openapi({ example: "#revenue" }),
    url: webhookUrlSchema.openapi({
      description: "The incoming webhook URL; stored encrypted, never shown again",
    }),
    reminders: z.boolean().default(true),
    digest: z.boolean().default(true),
    alerts: z.boolean().default(true),
  })
  .openapi("CreateChatChannel");

export const chatDeliverySchema = z.object({
  kind: z.string(),
  status: z.enum(notificationStatuses),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string().openapi({ format: "date-time" }),
  sentAt: z.string().nullable().openapi({ format: "date-time" }),
});

export const chatChannelSchema = z
  .object({
    id: z.string(),
    kind: z.enum(chatKinds),
    name: z.string(),
    urlMask: z
      .string()
      .openapi({ description: "Enough of the URL to recognise it, never enough to post" }),
    reminders: z.boolean(),
    digest: z.boolean(),
    alerts: z.boolean(),
    lastSuccessAt: z.string().nullable().openapi({ format: "date-time" }),
    lastFailureAt: z.string().nullable().openapi({ format: "date-time" }),
    lastError: z.string().nullable(),
    recent: z
      .array(chatDeliverySchema)
      .openapi({ description: "The newest messages to this channel" }),
  })
  .openapi("ChatChannel");

const tags = ["Notifications"];

export const listChatChannelsRoute = createRoute({
  method: "get",
  path: "/chat-channels",
  tags,
  summary:
    "Slack and Teams channels that get reminders, digests and alerts, with their failures (owners)",
  responses: {
    200: jsonResponse(z.object({ channels: z.array(chatChannelSchema) }), "The channels"),
    401: problemResponses[401],
    403: problemResponses[403],
  },
});

export const createChatChannelRoute = createRoute({
  method: "post",
  path: "/chat-channels",
  tags,
  summary: "Add a Slack or Teams incoming webhook (owners)",
  request: { body: jsonBody(createChatChannelBody) },
  responses: {
    201: jsonResponse(chatChannelSchema, "The channel, its URL masked"),
    401: problemResponses[401],
    403: problemResponses[403],
    422: problemResponses[422],
  },
});

export const testChatChannelRoute = createRoute({
  method: "post",
  path: "/chat-channels/{id}/test",
  tags,
  summary: "Post a test message to the channel now (owners)",
  request: { params: idParamSchema },
  responses: {
    200: jsonResponse(
      z.object({ ok: z.boolean(), error: z.string().nullable() }),
      "Whether the webhook took it, and why not",
    ),
    401: problemResponses[401],
    403: problemResponses[403],
    404: problemResponses[404],
  },
});

export const deleteChatChannelRoute = createRoute({
  method: "delete",
  path: "/chat-channels/{id}",
  tags,
  summary: "Remove a channel (owners); nothing more is posted to it",
  request: { params: idParamSchema },
  responses: {
    204: { description: "Removed" },
    401: problemResponses[401],
    403: problemResponses[403],
    404: problemResponses[404],
  },
});
