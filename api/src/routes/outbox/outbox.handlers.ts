import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../lib/context";
import type { listOutboxRoute } from "./outbox.routes";

const LIMIT = 50;

export const list: RouteHandler<typeof listOutboxRoute, AppEnv> = async (c) => {
  const { mailer, tenant } = c.var;
  const messages = mailer.outbox ? await mailer.outbox.list(tenant.orgId, LIMIT) : [];
  return c.json(
    {
      mode: mailer.mode,
      messages: messages.map(({ id, kind, to, subject, text, createdAt }) => ({
        id,
        kind,
        to,
        subject,
        text,
        createdAt,
      })),
    },
    200,
  );
};
