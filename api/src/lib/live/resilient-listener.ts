import { randomUUID } from "node:crypto";
import type { Database } from "@tandem/db";
import type { Logger } from "../logger";
import { describeError } from "../redact";

export interface ResilientListenerOptions {
  database: Database;
  channel: string;
  logger: Logger;
  onPayload(payload: string): void;
  /** After subscribing again: notices sent while the connection was down are lost. */
  onResubscribed(): void;
  probeEveryMs: number;
  probeTimeoutMs: number;
}

export interface ResilientListener {
  /** Resolves once the first LISTEN is in place. */
  start(): Promise<void>;
  /**
   * True while a LISTEN is in place and not being replaced: what is kept in memory on the
   * strength of notices may be trusted only then.
   */
  healthy(): boolean;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * One LISTEN per process that heals itself. The postgres driver re-listens when its dedicated
 * connection drops, but gives up silently if the server is still down at that moment; so the
 * listener notifies itself a probe now and then, and subscribes again when a probe does not
 * come back. On the embedded database the probe always returns.
 */
export function createResilientListener(options: ResilientListenerOptions): ResilientListener {
  const { database, channel, logger } = options;
  let unlisten: (() => Promise<void>) | null = null;
  let closed = false;
  let resubscribing = false;
  let pendingProbe: { payload: string; timer: NodeJS.Timeout } | null = null;
  let probeTimer: NodeJS.Timeout | undefined;

  const deliver = (payload: string) => {
    if (pendingProbe && payload === pendingProbe.payload) {
      clearTimeout(pendingProbe.timer);
      pendingProbe = null;
      return;
    }
    options.onPayload(payload);
  };

  async function subscribe(): Promise<void> {
    let delay = 250;
    while (!closed) {
      try {
        unlisten = await database.listen(channel, deliver);
        return;
      } catch (error) {
        logger.warn("live: LISTEN failed; retrying", {
          channel,
          ms: delay,
          error: describeError(error),
        });
        await sleep(delay);
        delay = Math.min(delay * 2, 10_000);
      }
    }
  }

  async function resubscribe(): Promise<void> {
    pendingProbe = null;
    if (closed || resubscribing) return;
    resubscribing = true;
    logger.warn("live: notifications stopped arriving; subscribing again", { channel });
    const previous = unlisten;
    unlisten = null;
    // The old subscription may sit on a dead connection: drop it without waiting on it.
    void previous?.().catch(() => {});
    await subscribe();
    resubscribing = false;
    if (!closed) options.onResubscribed();
  }

  async function probe(): Promise<void> {
    if (closed || resubscribing || pendingProbe) return;
    const payload = JSON.stringify({ probe: randomUUID() });
    const timer = setTimeout(() => void resubscribe(), options.probeTimeoutMs);
    timer.unref();
    pendingProbe = { payload, timer };
    try {
      await database.notify(channel, payload);
    } catch {
      // The database is unreachable; the probe's timeout subscribes again once it is back.
    }
  }

  return {
    async start() {
      await subscribe();
      probeTimer = setInterval(() => void probe(), options.probeEveryMs);
      probeTimer.unref();
    },
    healthy: () => unlisten !== null && !resubscribing && !closed,
    async close() {
      closed = true;
      clearInterval(probeTimer);
      if (pendingProbe) clearTimeout(pendingProbe.timer);
      pendingProbe = null;
      const previous = unlisten;
      unlisten = null;
      if (previous) await Promise.race([previous().catch(() => {}), sleep(1000)]);
    },
  };
}
