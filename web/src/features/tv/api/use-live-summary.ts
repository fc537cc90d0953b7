import { useEffect, useState } from "react";
import { changedAtFromEventId } from "../components/tv-words";
import { fetchDisplaySummary, type LiveSummary, parseLiveSummary } from "./live-summary";

export type Connection = "connecting" | "live" | "reconnecting" | "revoked";

export interface LiveState {
  summary: LiveSummary | null;
  connection: Connection;
  /**
   * When the numbers on the screen last changed (ms since epoch), by the data and the server,
   * not when this screen happened to receive them.
   */
  updatedAt: number | null;
  /** Since when the screen has had no live connection; null while live or before the first. */
  lostAt: number | null;
}

/** A wall screen retries often: there are few of them, and a blank one is noticed. */
const MAX_BACKOFF_MS = 5_000;

/**
 * Keeps a display's summary current over Server-Sent Events. EventSource reconnects by
 * itself after network drops (a server restart) and resumes with Last-Event-ID; when it
 * gives up (an HTTP error), a JSON read says whether the link was revoked, and otherwise a
 * new stream is opened with backoff, resuming from the last event id.
 */
export function useLiveSummary(token: string): LiveState {
  const [state, setState] = useState<LiveState>({
    summary: null,
    connection: "connecting",
    updatedAt: null,
    lostAt: null,
  });

  useEffect(() => {
    const base = `/api/v1/displays/${encodeURIComponent(token)}/stream`;
    let source: EventSource | null = null;
    let lastEventId = "";
    let attempt = 0;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;

    /**
     * A summary from the stream. The first one says its own time (the newest check-in, win
     * or goal edit in it); a later one is a change this screen saw happen, at the time in its
     * event id, which also counts ingested leads and deals the data's own times cannot date.
     */
    const receive = (summary: LiveSummary, changedAt: number | null) =>
      setState((previous) => {
        const own = Date.parse(summary.updatedAt);
        const updatedAt = previous.summary && changedAt !== null ? Math.max(own, changedAt) : own;
        return { summary, connection: "live", updatedAt, lostAt: null };
      });
    /** A summary from the JSON read: the same numbers keep their time. */
    const receiveRead = (summary: LiveSummary) =>
      setState((previous) => {
        const same =
          previous.summary !== null && JSON.stringify(previous.summary) === JSON.stringify(summary);
        return {
          ...previous,
          summary,
          updatedAt: same ? previous.updatedAt : Date.parse(summary.updatedAt),
        };
      });
    const setConnection = (connection: Connection) =>
      setState((previous) => {
        if (previous.connection === "revoked") return previous;
        const lostAt =
          connection === "live"
            ? null
            : (previous.lostAt ?? (previous.summary ? Date.now() : null));
        return { ...previous, connection, lostAt };
      });
    const stop = () => {
      stopped = true;
      source?.close();
      clearTimeout(retryTimer);
    };
    const revoked = () => {
      stop();
      setState((previous) => ({ ...previous, connection: "revoked" }));
    };

    const fallback = async () => {
      const result = await fetchDisplaySummary(token);
      if (stopped) return;
      if (result.kind === "revoked") return revoked();
      if (result.kind === "ok") receiveRead(result.summary);
      setConnection("reconnecting");
      attempt++;
      retryTimer = setTimeout(open, Math.min(MAX_BACKOFF_MS, 500 * 2 ** attempt));
    };

    function open() {
      if (stopped) return;
      const url = lastEventId ? `${base}?lastEventId=${encodeURIComponent(lastEventId)}` : base;
      const stream = new EventSource(url);
      source = stream;
      stream.onopen = () => {
        attempt = 0;
        setConnection("live");
      };
      stream.addEventListener("summary", (event) => {
        const summary = parseLiveSummary(event.data);
        if (!summary) return;
        lastEventId = event.lastEventId;
        receive(summary, changedAtFromEventId(event.lastEventId));
      });
      stream.addEventListener("revoked", revoked);
      stream.addEventListener("gone", revoked);
      stream.onerror = () => {
        if (stream.readyState === EventSource.CLOSED) {
          stream.close();
          void fallback();
        } else {
          setConnection("reconnecting");
        }
      };
    }

    open();
    return stop;
  }, [token]);

  return state;
}
