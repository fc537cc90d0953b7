import type { Database } from "@tandem/db";
import { findGoal } from "@tandem/db/queries/goals";
import { findMembership, type Membership } from "@tandem/db/queries/members";
import { buildForecast } from "../../forecast/build-forecast";
import type { HistoryMemo } from "../../forecast/compute-forecast";
import { buildForecastHistory } from "../../forecast/forecast-history";
import type { ForecastHistoryView } from "../../forecast/forecast-history-schema";
import type { ForecastView } from "../../forecast/forecast-schema";
import { addCalendarDays, type LearnedHistory } from "../../revenue";
import { buildSummary } from "../../summary/build-summary";
import { startOfDayIn, todayIn } from "../../summary/org-calendar";
import type { GoalSummary } from "../../summary/summary-schema";
import { createSessionMemo, type SessionMemo } from "../session-memo";
import { buildLiveSummary } from "./live-summary";
import type { LiveSummary } from "./live-summary-schema";
import type { AccessNotice, ChangeNotice } from "./publish";
import { createReadCache } from "./read-cache";

/**
 * How long an answer may be kept even when no notice says it changed: the bound on anything
 * no notice covers (a key result turning overdue with time, a person renaming themselves).
 */
const SUMMARY_MAX_AGE_MS = 60_000;
/** Roles are checked on every write: a membership is trusted from memory only briefly. */
const MEMBERSHIP_MAX_AGE_MS = 10_000;
/** better-auth's cookie cache: how long a session's signed copy in its cookie is believed. */
export const SESSION_COOKIE_CACHE_SECONDS = 60;
const SESSION_COOKIE_MS = SESSION_COOKIE_CACHE_SECONDS * 1000;

/**
 * What the summary routes and every member request read, kept in memory by the live hub
 * (decision 046): summaries by goal and day until a change notice for the goal or its
 * organization (or the organization's day ends), memberships until a member notice. The hub
 * uses them only while its LISTEN is in place, and empties them when it subscribes again.
 */
export interface ReadCaches {
  /** A goal's summary as GET /goals/:id/summary answers it; null: no such goal here. */
  summary(
    orgId: string,
    goalId: string,
    options: { asOf?: string; timezone: string },
  ): Promise<GoalSummary | null>;
  /** The live summary the streams and the display summary send; null: no such goal. */
  live(orgId: string, goalId: string): Promise<LiveSummary | null>;
  /** The live summary computed now (its forecast from memory): what the hub sends. */
  computeLive(orgId: string, goalId: string): Promise<LiveSummary | null>;
  /**
   * A goal's forecast as GET /goals/:id/forecast answers it (today's recorded as the day's
   * snapshot when computed); null: no such goal here.
   */
  forecast(
    orgId: string,
    goalId: string,
    options: { asOf?: string; timezone: string },
  ): Promise<ForecastView | null>;
  /** GET /goals/:id/forecast/history's answer for today; null: no such goal here. */
  forecastHistory(
    orgId: string,
    goalId: string,
    timezone: string,
  ): Promise<ForecastHistoryView | null>;
  membership(orgId: string, userId: string): Promise<Membership | null>;
  /** Sessions read from their cookie's signed copy, by Cookie header; only while trusted. */
  sessions: SessionMemo;
  /** Whether memory (and a session's cached cookie) may be believed now. */
  trusted(): Promise<boolean>;
  /**
   * A session ended (signed out, revoked) within a cookie's life: its cached copy in a
   * browser's cookie is refused even though its signature is good.
   */
  sessionEnded(sessionId: string): boolean;
  /** Taken before the hub computes a live summary itself, for `rememberLive`. */
  mark(orgId: string): string;
  /** The hub's own computation, kept for the display summary and today's GET /summary. */
  rememberLive(orgId: string, goalId: string, summary: LiveSummary, mark: string): void;
  onNotice(notice: ChangeNotice | AccessNotice): void;
  clear(): void;
}

/** The end of the organization's day (its next midnight), or the maximum age if sooner. */
function expiryIn(timezone: string, maxAgeMs: number): number {
  const now = Date.now();
  const tomorrow = addCalendarDays(todayIn(timezone, new Date(now)), 1);
  return Math.min(now + maxAgeMs, startOfDayIn(tomorrow, timezone).getTime());
}

/** The summary part of a live summary: the same computation, without what only screens show. */
function summaryOf(live: LiveSummary): GoalSummary {
  const { forecast: _forecast, updatedAt: _updatedAt, recentWins: _wins, ...summary } = live;
  return summary;
}

const todayKey = (goalId: string, timezone: string) => `summary|${goalId}|today|${timezone}`;

export function createReadCaches(
  database: Database,
  /** False while notices may be missed: everything is then read from the database. */
  trusted: () => Promise<boolean>,
): ReadCaches {
  const summaries = createReadCache<GoalSummary | null>();
  const lives = createReadCache<LiveSummary | null>();
  const memberships = createReadCache<Membership | null>();
  const sessions = createSessionMemo();
  const forecasts = createReadCache<ForecastView | null>();
  const forecastHistories = createReadCache<ForecastHistoryView | null>();
  /**
   * What the forecast's history teaches, per organization, period and asOf: kept across goal
   * notices (a check-in changes no fact), dropped by the organization's (ingest, feedback).
   */
  const histories = createReadCache<LearnedHistory>();
  /** Session id -> until when its cached cookie could still be presented. */
  const endedSessions = new Map<string, number>();
  /** After notices were lost, no cached cookie is believed until every one has expired. */
  let cookiesDistrustedUntil = 0;
  const { db } = database;

  const trustedNow = async () => Date.now() >= cookiesDistrustedUntil && (await trusted());

  async function computeSummary(
    orgId: string,
    goalId: string,
    options: { asOf?: string; timezone: string },
  ) {
    const goal = await findGoal(db, orgId, goalId);
    const value = goal ? await buildSummary(db, goal, options) : null;
    return { value, expiresAt: expiryIn(options.timezone, SUMMARY_MAX_AGE_MS) };
  }

  const historyIn =
    (orgId: string, timezone: string): HistoryMemo =>
    async (key, learn) => {
      if (!(await trusted())) return learn();
      return histories.get(orgId, null, `history|${key}`, async () => ({
        value: await learn(),
        expiresAt: expiryIn(timezone, SUMMARY_MAX_AGE_MS),
      }));
    };

  async function computeForecast(
    orgId: string,
    goalId: string,
    options: { asOf?: string; timezone: string },
  ) {
    const goal = await findGoal(db, orgId, goalId);
    const value = goal
      ? await buildForecast(db, goal, { ...options, history: historyIn(orgId, options.timezone) })
      : null;
    return { value, expiresAt: expiryIn(options.timezone, SUMMARY_MAX_AGE_MS) };
  }

  async function forecast(
    orgId: string,
    goalId: string,
    options: { asOf?: string; timezone: string },
  ) {
    if (!(await trusted())) return (await computeForecast(orgId, goalId, options)).value;
    // Today asked for by date or by default is one answer.
    const day = options.asOf ?? todayIn(options.timezone);
    return forecasts.get(orgId, goalId, `forecast|${goalId}|${day}|${options.timezone}`, () =>
      computeForecast(orgId, goalId, options),
    );
  }

  async function forecastHistory(orgId: string, goalId: string, timezone: string) {
    const compute = async () => {
      const goal = await findGoal(db, orgId, goalId);
      const value = goal
        ? await buildForecastHistory(db, goal, timezone, historyIn(orgId, timezone))
        : null;
      return { value, expiresAt: expiryIn(timezone, SUMMARY_MAX_AGE_MS) };
    };
    if (!(await trusted())) return (await compute()).value;
    return forecastHistories.get(orgId, goalId, `forecast-history|${goalId}|${timezone}`, compute);
  }

  async function buildLive(orgId: string, goalId: string) {
    return buildLiveSummary(db, orgId, goalId, new Date(), async (goal, timezone) => {
      const view = await forecast(orgId, goal.id, { timezone });
      if (!view) throw new Error(`goal ${goal.id} vanished while its summary was computed`);
      return view;
    });
  }

  async function computeLive(orgId: string, goalId: string) {
    const value = await buildLive(orgId, goalId);
    return { value, expiresAt: expiryIn(value?.timezone ?? "UTC", SUMMARY_MAX_AGE_MS) };
  }

  return {
    async summary(orgId, goalId, options) {
      if (!(await trusted())) return (await computeSummary(orgId, goalId, options)).value;
      const key = options.asOf
        ? `summary|${goalId}|${options.asOf}|${options.timezone}`
        : todayKey(goalId, options.timezone);
      return summaries.get(orgId, goalId, key, () => computeSummary(orgId, goalId, options));
    },

    async live(orgId, goalId) {
      if (!(await trusted())) return (await computeLive(orgId, goalId)).value;
      return lives.get(orgId, goalId, `live|${goalId}`, () => computeLive(orgId, goalId));
    },

    computeLive: buildLive,
    forecast,
    forecastHistory,

    async membership(orgId, userId) {
      const compute = async () => {
        const value = await findMembership(db, orgId, userId);
        // Not a member is never kept: an invitation accepted a moment later counts at once.
        return { value, expiresAt: value ? Date.now() + MEMBERSHIP_MAX_AGE_MS : 0 };
      };
      if (!(await trusted())) return (await compute()).value;
      return memberships.get(orgId, userId, userId, compute);
    },

    trusted: trustedNow,
    sessions,

    sessionEnded(sessionId) {
      const until = endedSessions.get(sessionId);
      return until !== undefined && until > Date.now();
    },

    mark: (orgId) => `${lives.mark(orgId)}/${summaries.mark(orgId)}`,

    rememberLive(orgId, goalId, summary, mark) {
      const [liveMark = "", summaryMark = ""] = mark.split("/");
      const expiresAt = expiryIn(summary.timezone, SUMMARY_MAX_AGE_MS);
      lives.put(orgId, goalId, `live|${goalId}`, { value: summary, expiresAt, mark: liveMark });
      summaries.put(orgId, goalId, todayKey(goalId, summary.timezone), {
        value: summaryOf(summary),
        expiresAt,
        mark: summaryMark,
      });
    },

    onNotice(notice) {
      if (notice.kind === "sessions_ended") {
        const now = Date.now();
        for (const [id, until] of endedSessions) if (until <= now) endedSessions.delete(id);
        for (const id of notice.sessionIds) endedSessions.set(id, now + SESSION_COOKIE_MS);
        return;
      }
      if (notice.kind === "member_removed" || notice.kind === "member_changed") {
        memberships.invalidate(notice.orgId, notice.userId);
        return;
      }
      // A revoked display changes no number; everything else may.
      if (notice.kind === "display") return;
      summaries.invalidate(notice.orgId, notice.goalId);
      lives.invalidate(notice.orgId, notice.goalId);
      forecasts.invalidate(notice.orgId, notice.goalId);
      forecastHistories.invalidate(notice.orgId, notice.goalId);
      // Kept by organization (no scope): only a notice naming no goal drops them.
      histories.invalidate(notice.orgId, notice.goalId);
    },

    clear() {
      cookiesDistrustedUntil = Date.now() + SESSION_COOKIE_MS;
      summaries.clear();
      lives.clear();
      memberships.clear();
      sessions.clear();
      forecasts.clear();
      forecastHistories.clear();
      histories.clear();
    },
  };
}
