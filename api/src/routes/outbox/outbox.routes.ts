import { createRoute, z } from "@hono/zod-openapi";
import { mailKinds } from "../../lib/mail/mail-message";
import { jsonResponse, problemResponses } from "../../lib/schemas";

export const outboxMessageSchema = z
  .object({
    id: z.string(),
    kind: z.enum(mailKinds),
    to: z.string(),
    subject: z.string(),
    text: z.string().openapi({ description: "The plain-text body, links included" }),
    createdAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("OutboxMessage");

export const outboxSchema = z
  .object({
    mode: z.enum(["smtp", "outbox"]).openapi({
      description: "smtp: mail goes to TANDEM_SMTP_URL; outbox: no mail server, messages kept here",
    }),
    messages: z.array(outboxMessageSchema),
  })
  .openapi("Outbox");

export const listOutboxRoute = createRoute({
  method: "get",
  path: "/outbox",
  tags: ["Mail"],
  summary:
    "The organization's newest emails kept in the outbox when no SMTP server is configured (owners)",
  responses: {
    200: jsonResponse(outboxSchema, "How mail is sent, and the newest 50 kept messages"),
    401: problemResponses[401],
    403: problemResponses[403],
  },
});
