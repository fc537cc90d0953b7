import type { RouteHandler } from "@hono/zod-openapi";
import { findActiveDisplayByTokenHash } from "@tandem/db/queries/displays";
import { findMembership } from "@tandem/db/queries/members";
import { isSessionLive } from "@tandem/db/queries/sessions";
import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import type { AppEnv } from "../../lib/context";
import { ApiError } from "../../lib/errors";
import { goalOrNotFound } from "../../lib/goal-or-not-found";
import type { LiveHub } from "../../lib/live/hub";
import type { StreamTarget } from "../../lib/live/live-stream";
import { closingFrame, resumeHash, retryFrame } from "../../lib/live/sse-frames";
import { describeError } from "../../lib/redact";
import { requireDisplay } from "../displays/display-access";
import { hashDisplayToken } from "../displays/display-token";
import type { displayStreamRoute, goalStreamRoute } from "./stream.routes";

/**
 * During shutdown a browser reconnects over its kept-alive connection; a 503 that closes the
 * connection lets the server stop, and the screen retries until a server answers again.
 */
function refuseWhileClosing(hub: LiveHub): void {
  if (!hub.isClosed()) return;
  throw new ApiError("unavailable", "The server is restarting; reconnect in a moment", {
    headers: { connection: "close", "retry-after": "2" },
  });
}

function resumeFrom(c: Context<AppEnv>): string | undefined {
  return resumeHash(c.req.header("last-event-id") ?? c.req.query("lastEventId"));
}

/**
 * Holds the response open until the hub ends the stream (revocation, sign-out, shutdown) or
 * the client goes away. `afterOpen` runs once the stream is registered, for checks that must
 * not race with a notice sent just before; it returns the closing frame when access ended.
 */
function openStream(
  c: Context<AppEnv>,
  hub: LiveHub,
  target: StreamTarget,
  afterOpen?: () => Promise<Uint8Array | null>,
): Response {
  c.header("X-Accel-Buffering", "no");
  return streamSSE(c, async (sse) => {
    // Errors are logged here rather than given to streamSSE, which would send their message
    // to the client; the stream just ends and the client reconnects.
    try {
      await sse.write(retryFrame);
      const stream = await hub.open(target, { write: (chunk) => sse.write(chunk) }, resumeFrom(c));
      const stop = () => stream.end();
      sse.onAbort(stop);
      c.req.raw.signal.addEventListener("abort", stop, { once: true });
      const ending = afterOpen ? await afterOpen() : null;
      if (ending) stream.end(ending);
      await stream.done;
    } catch (error) {
      c.var.logger.error("live: stream failed", {
        requestId: c.var.requestId,
        error: describeError(error),
      });
    }
  });
}

export function goalStream(hub: LiveHub): RouteHandler<typeof goalStreamRoute, AppEnv> {
  return async (c) => {
    refuseWhileClosing(hub);
    const { tenant, session, database } = c.var;
    const goal = await goalOrNotFound(c, c.req.valid("param").id);
    const target = {
      orgId: tenant.orgId,
      goalId: goal.id,
      sessionId: session.sessionId,
      userId: session.userId,
    };
    // A sign-out or removal committed while this stream was being registered sent its notice
    // to nobody; checking again once registered closes that gap.
    const accessEnded = async () => {
      if (!(await isSessionLive(database.db, session.sessionId))) {
        return closingFrame("signed_out", "This session was signed out");
      }
      if (!(await findMembership(database.db, tenant.orgId, session.userId))) {
        return closingFrame("signed_out", "You are no longer a member of this organization");
      }
      return null;
    };
    return openStream(c, hub, target, accessEnded);
  };
}

export function displayStream(hub: LiveHub): RouteHandler<typeof displayStreamRoute, AppEnv> {
  return async (c) => {
    refuseWhileClosing(hub);
    const { database } = c.var;
    const { token } = c.req.valid("param");
    const display = await requireDisplay(database, token);
    const target = { orgId: display.orgId, goalId: display.goalId, displayId: display.id };
    // A revocation committed between the check above and the stream's registration would
    // send its notice to nobody; checking again once registered closes that gap.
    const revoked = async () =>
      (await findActiveDisplayByTokenHash(database.db, display.orgId, hashDisplayToken(token)))
        ? null
        : closingFrame("revoked", "This display link was revoked");
    return openStream(c, hub, target, revoked);
  };
}
