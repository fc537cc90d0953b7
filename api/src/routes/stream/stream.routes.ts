import { createRoute, z } from "@hono/zod-openapi";
import { RETRY_MS } from "../../lib/live/sse-frames";
import { idParamSchema, problemFor, problemResponses } from "../../lib/schemas";
import { tokenParamSchema } from "../displays/displays.routes";

/** The event format, shown in the OpenAPI document; docs/decisions/015-live-updates.md explains why. */
export const streamFormat = `Server-Sent Events (text/event-stream).

- \`event: summary\`, \`id: <milliseconds>-<hash>\`, \`data: <LiveSummary JSON>\`: the goal's
  summary (GoalSummary plus \`recentWins\`). The first one comes at once; then one after each
  change, at most every 250 ms per goal. Ids increase per goal; treat them as opaque.
- \`: heartbeat\` comment lines every 15 s.
- \`retry: ${RETRY_MS}\` at the start: the browser's reconnect delay.
- \`event: revoked\` (display streams) or \`event: gone\`, \`data: {"detail": "..."}\`: the
  server ends the stream on purpose; do not reconnect.
- Resume: reconnect with \`Last-Event-ID\` (EventSource does it by itself) or
  \`?lastEventId=\`; the current summary is sent at once unless it is the one you have.
- The stream ends when the server shuts down; reconnect.`;

const eventStream = {
  description: streamFormat,
  content: { "text/event-stream": { schema: z.string() } },
};

const unavailable = problemFor(
  "The server is shutting down; reconnect (another instance, or this one once restarted)",
);

const resumeQuery = z.object({
  lastEventId: z.string().max(64).optional().openapi({
    description: "Same as the Last-Event-ID header, for clients that cannot set headers",
  }),
});

const resumeHeaders = z.object({
  "last-event-id": z.string().max(64).optional(),
});

export const goalStreamRoute = createRoute({
  method: "get",
  path: "/goals/{id}/stream",
  tags: ["Goals"],
  summary: "Live summaries of a goal (members)",
  description: streamFormat,
  request: { params: idParamSchema, query: resumeQuery, headers: resumeHeaders },
  responses: {
    200: eventStream,
    401: problemResponses[401],
    403: problemResponses[403],
    404: problemResponses[404],
    503: unavailable,
  },
});

export const displayStreamRoute = createRoute({
  method: "get",
  path: "/displays/{token}/stream",
  tags: ["Displays"],
  summary: "Live summaries of the display's goal, by token (no session)",
  description: streamFormat,
  request: { params: tokenParamSchema, query: resumeQuery, headers: resumeHeaders },
  responses: {
    200: eventStream,
    401: problemFor("The token is unknown, malformed or revoked"),
    503: unavailable,
  },
});
