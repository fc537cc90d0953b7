import type { Database } from "@tandem/db";
import { createSnapshotOnChange } from "../../forecast/snapshot-on-change";
import { createLogger, type Logger } from "../logger";
import { describeError } from "../redact";
import { parseNotice } from "./change-notice";
import { LiveStream, type StreamTarget, type StreamWriter } from "./live-stream";
import type { LiveSummary } from "./live-summary-schema";
import {
  type AccessNotice,
  CHANGES_CHANNEL,
  type ChangeNotice,
  isChangeKind,
  onLocalNotice,
} from "./publish";
import { createReadCaches, type ReadCaches } from "./read-caches";
import { createResilientListener } from "./resilient-listener";
import { closingFrame, contentHash, eventId, summaryFrame } from "./sse-frames";

export interface LiveHubOptions {
  database: Database;
  logger?: Logger;
  /** Computes a goal's summary; null when the goal is gone. Tests count or slow it. */
  compute?: (orgId: string, goalId: string) => Promise<LiveSummary | null>;
  /** A goal's summary is computed at most this often, however many changes arrive. */
  minIntervalMs?: number;
  heartbeatMs?: number;
  /** Recompute every open goal this often: a new day, or notices lost in a reconnect. */
  refreshMs?: number;
  probeEveryMs?: number;
  probeTimeoutMs?: number;
}

export interface LiveHubStats {
  goals: number;
  streams: number;
  /** Summaries computed since start: one per goal per change burst, not one per stream. */
  computations: number;
}

export interface LiveHub {
  /** Starts listening; idempotent, and `open` calls it. */
  start(): Promise<void>;
  /**
   * Adds a stream for a goal. It receives the current summary at once unless `resumeHash`
   * says the client already has it, then every new one.
   */
  open(target: StreamTarget, writer: StreamWriter, resumeHash?: string): Promise<LiveStream>;
  /** Ends every stream (shutdown) and stops listening. */
  close(): Promise<void>;
  /** True once closed: new streams are turned away. */
  isClosed(): boolean;
  stats(): LiveHubStats;
  /** Summaries and memberships from memory, kept true by this hub's notices. */
  caches: ReadCaches;
}

interface Latest {
  ms: number;
  hash: string;
  frame: Uint8Array;
}

interface GoalState {
  orgId: string;
  goalId: string;
  streams: Set<LiveStream>;
  latest: Latest | null;
  dirty: boolean;
  running: boolean;
  lastRunAt: number;
  /** When the oldest change not yet computed arrived. */
  dirtySince: number;
  timer: NodeJS.Timeout | undefined;
}

const RETRY_AFTER_FAILURE_MS = 1000;

/**
 * One per API process: a single LISTEN on the changes channel, fanned out to the streams open
 * in this process. Each goal's summary is computed once per burst of changes (at most every
 * `minIntervalMs`), serialized once, and the same bytes go to all its streams.
 */
export function createLiveHub(options: LiveHubOptions): LiveHub {
  const { database } = options;
  const logger = options.logger ?? createLogger("silent");
  // The forecast it carries comes from the caches: computed once per change, not per stream.
  const compute = options.compute ?? ((orgId, goalId) => caches.computeLive(orgId, goalId));
  const minIntervalMs = options.minIntervalMs ?? 250;
  /** orgId -> goalId -> state; only goals with open streams are here. */
  const goals = new Map<string, Map<string, GoalState>>();
  const timers: NodeJS.Timeout[] = [];
  let computations = 0;
  let started: Promise<void> | undefined;
  let closed = false;
  let stopLocal: (() => void) | undefined;

  const allStates = () => [...goals.values()].flatMap((byGoal) => [...byGoal.values()]);

  function schedule(state: GoalState, delay = 0): void {
    if (closed || state.timer || state.running || state.streams.size === 0) return;
    const wait = Math.max(delay, state.lastRunAt + minIntervalMs - Date.now(), 0);
    state.timer = setTimeout(() => {
      state.timer = undefined;
      void run(state);
    }, wait);
    state.timer.unref();
  }

  function markDirty(state: GoalState): void {
    if (!state.dirty) state.dirtySince = Date.now();
    state.dirty = true;
    schedule(state);
  }

  function endGoal(state: GoalState, frame: Uint8Array): void {
    for (const stream of state.streams) stream.end(frame);
  }

  async function run(state: GoalState): Promise<void> {
    if (closed || !state.dirty || state.streams.size === 0) return;
    state.dirty = false;
    state.running = true;
    state.lastRunAt = Date.now();
    const waitedMs = state.lastRunAt - state.dirtySince;
    let failed = false;
    try {
      computations++;
      const started = performance.now();
      const mark = caches.mark(state.orgId);
      const summary = await compute(state.orgId, state.goalId);
      if (summary && !options.compute)
        caches.rememberLive(state.orgId, state.goalId, summary, mark);
      const computedMs = performance.now() - started;
      if (summary === null) {
        endGoal(state, closingFrame("gone", "The goal no longer exists"));
        return;
      }
      const json = JSON.stringify(summary);
      const hash = contentHash(json);
      if (hash !== state.latest?.hash) {
        const ms = Math.max(Date.now(), (state.latest?.ms ?? 0) + 1);
        state.latest = { ms, hash, frame: summaryFrame(eventId(ms, hash), json) };
      }
      const { latest } = state;
      let sent = 0;
      for (const stream of state.streams) {
        if (stream.lastHash === latest.hash) continue;
        stream.send(latest.frame, latest.hash);
        sent++;
      }
      logger.debug("live: summary sent", {
        goalId: state.goalId,
        streams: sent,
        bytes: latest.frame.byteLength,
        changedAt: new Date(state.dirtySince).toISOString(),
        waitedMs,
        computeMs: Math.round(computedMs),
        sendMs: Math.round(performance.now() - started - computedMs),
      });
    } catch (error) {
      failed = true;
      state.dirty = true;
      logger.error("live: summary failed", {
        orgId: state.orgId,
        goalId: state.goalId,
        error: describeError(error),
      });
    } finally {
      state.running = false;
      if (state.dirty) schedule(state, failed ? RETRY_AFTER_FAILURE_MS : 0);
    }
  }

  function endStreams(matches: (target: StreamTarget) => boolean, frame: Uint8Array): void {
    for (const state of allStates()) {
      for (const stream of state.streams) if (matches(stream.target)) stream.end(frame);
    }
  }

  function onAccessEnded(notice: AccessNotice): void {
    if (notice.kind === "sessions_ended") {
      const ended = new Set(notice.sessionIds);
      const frame = closingFrame("signed_out", "This session was signed out");
      endStreams((target) => target.sessionId !== undefined && ended.has(target.sessionId), frame);
      return;
    }
    const frame = closingFrame("signed_out", "You are no longer a member of this organization");
    endStreams((target) => target.orgId === notice.orgId && target.userId === notice.userId, frame);
  }

  function onNotice(notice: ChangeNotice): void {
    const byGoal = goals.get(notice.orgId);
    if (!byGoal) return;
    if (notice.kind === "display") {
      if (!notice.displayId) return;
      const frame = closingFrame("revoked", "This display link was revoked");
      for (const state of byGoal.values()) {
        for (const stream of state.streams) {
          if (stream.target.displayId === notice.displayId) stream.end(frame);
        }
      }
      return;
    }
    if (notice.goalId) {
      const state = byGoal.get(notice.goalId);
      if (state) markDirty(state);
      return;
    }
    // No goal named (an ingest batch, feedback): every open goal of the organization.
    for (const state of byGoal.values()) markDirty(state);
  }

  const listener = createResilientListener({
    database,
    channel: CHANGES_CHANNEL,
    logger,
    probeEveryMs: options.probeEveryMs ?? 15_000,
    probeTimeoutMs: options.probeTimeoutMs ?? 5_000,
    onPayload(payload) {
      const notice = parseNotice(payload);
      if (!notice || "probe" in notice) return;
      caches.onNotice(notice);
      if (notice.kind === "member_changed") return;
      if (notice.kind === "sessions_ended" || notice.kind === "member_removed") {
        onAccessEnded(notice);
      } else onNotice(notice);
    },
    onResubscribed() {
      // Notices may have been lost while the connection was down.
      caches.clear();
      for (const state of allStates()) markDirty(state);
    },
  });

  const snapshots = createSnapshotOnChange(database.db, logger, (goal, timezone) =>
    caches.forecast(goal.orgId, goal.id, { timezone }),
  );

  const caches = createReadCaches(database, async () => {
    if (closed) return false;
    try {
      await hub.start();
    } catch {
      return false;
    }
    return listener.healthy();
  });

  function stateFor(target: StreamTarget): GoalState {
    let byGoal = goals.get(target.orgId);
    if (!byGoal) {
      byGoal = new Map();
      goals.set(target.orgId, byGoal);
    }
    let state = byGoal.get(target.goalId);
    if (!state) {
      state = {
        orgId: target.orgId,
        goalId: target.goalId,
        streams: new Set(),
        latest: null,
        dirty: false,
        running: false,
        lastRunAt: 0,
        dirtySince: 0,
        timer: undefined,
      };
      byGoal.set(target.goalId, state);
    }
    return state;
  }

  function forget(state: GoalState, stream: LiveStream): void {
    state.streams.delete(stream);
    if (state.streams.size > 0) return;
    clearTimeout(state.timer);
    state.timer = undefined;
    const byGoal = goals.get(state.orgId);
    if (byGoal?.get(state.goalId) === state) byGoal.delete(state.goalId);
    if (byGoal?.size === 0) goals.delete(state.orgId);
  }

  const hub: LiveHub = {
    start() {
      started ??= (async () => {
        // Our own changes empty the caches at once; other processes' arrive by LISTEN. The
        // process that made a change records the day's forecast snapshot it makes due.
        stopLocal = onLocalNotice((notice) => {
          caches.onNotice(notice);
          if ("orgId" in notice && notice.kind !== "display" && isChangeKind(notice.kind)) {
            snapshots.changed(notice.orgId, notice.kind === "goal");
          }
        });
        await listener.start();
        const every = (ms: number, fn: () => void) => {
          const timer = setInterval(fn, ms);
          timer.unref();
          timers.push(timer);
        };
        every(options.heartbeatMs ?? 15_000, () => {
          for (const state of allStates()) for (const stream of state.streams) stream.heartbeat();
        });
        every(options.refreshMs ?? 60_000, () => {
          for (const state of allStates()) markDirty(state);
        });
      })();
      return started;
    },

    async open(target, writer, resumeHash) {
      await hub.start();
      const stream = new LiveStream(target, writer, resumeHash);
      if (closed) {
        stream.end();
        return stream;
      }
      const state = stateFor(target);
      state.streams.add(stream);
      void stream.done.then(() => forget(state, stream));
      const { latest } = state;
      if (latest) {
        if (stream.lastHash !== latest.hash) stream.send(latest.frame, latest.hash);
      } else if (!state.running && !state.timer) {
        // The first stream of this goal in this process: compute now, not after a change.
        markDirty(state);
      }
      return stream;
    },

    async close() {
      if (closed) return;
      closed = true;
      stopLocal?.();
      caches.clear();
      for (const timer of timers) clearInterval(timer);
      const streams = allStates().flatMap((state) => {
        clearTimeout(state.timer);
        return [...state.streams];
      });
      for (const stream of streams) stream.end();
      await Promise.all(streams.map((stream) => stream.done));
      await snapshots.idle();
      goals.clear();
      await listener.close();
    },

    isClosed: () => closed,
    caches,

    stats() {
      const states = allStates();
      return {
        goals: states.length,
        streams: states.reduce((sum, state) => sum + state.streams.size, 0),
        computations,
      };
    },
  };
  return hub;
}
