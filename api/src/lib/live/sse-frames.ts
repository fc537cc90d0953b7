import { createHash } from "node:crypto";

const encoder = new TextEncoder();

/** How long browsers wait before reconnecting a dropped stream (the SSE `retry:` field). */
export const RETRY_MS = 3000;

export const retryFrame = encoder.encode(`retry: ${RETRY_MS}\n\n`);

/** A comment line: keeps proxies from timing the connection out, dispatches no event. */
export const heartbeatFrame = encoder.encode(": heartbeat\n\n");

/**
 * Event ids are `<milliseconds>-<content hash>`. The time part increases per goal; the hash
 * names the summary exactly, so a client resuming on any API process (each with its own
 * clock) gets the summary again only when it differs from what it already shows.
 */
export function contentHash(json: string): string {
  return createHash("sha256").update(json).digest("hex").slice(0, 16);
}

export function eventId(ms: number, hash: string): string {
  return `${ms}-${hash}`;
}

/** The content hash a client last received, from Last-Event-ID; anything else is ignored. */
export function resumeHash(lastEventId: string | undefined | null): string | undefined {
  const match = /^\d{1,16}-([0-9a-f]{16})$/.exec(lastEventId?.trim() ?? "");
  return match?.[1];
}

/**
 * One encoded `summary` event. Built once per change and written as the same bytes to every
 * stream of the goal. JSON has no raw newlines, so it fits one `data:` line.
 */
export function summaryFrame(id: string, json: string): Uint8Array {
  return encoder.encode(`event: summary\nid: ${id}\ndata: ${json}\n\n`);
}

/**
 * The last event of a stream the server ends on purpose (`revoked`, `gone`, or `signed_out`
 * when its session or membership ended), with words.
 */
export function closingFrame(event: "revoked" | "gone" | "signed_out", detail: string): Uint8Array {
  return encoder.encode(`event: ${event}\ndata: ${JSON.stringify({ detail })}\n\n`);
}
