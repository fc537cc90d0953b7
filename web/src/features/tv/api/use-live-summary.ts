import { useEffect, useState } from "react";
import { fetchDisplaySummary, type LiveSummary, parseLiveSummary } from "./live-summary";

export type Connection = "connecting" | "live" | "reconnecting" | "revoked";

export interface LiveState {
  summary: LiveSummary | null;
  connection: Connection;
  /** When the last summary arrived (ms since epoch). */
  updatedAt: number | null;
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
  });

  useEffect(() => {
    const base = `/api/v1/displays/${encodeURIComponent(token)}/stream`;
    let source: EventSource | null = null;
    let lastEventId = "";
    let attempt = 0;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;

    const receive = (summary: LiveSummary) =>
      setState({ summary, connection: "live", updatedAt: Date.now() });
    const setConnection = (connection: Connection) =>
      setState((previous) =>
        previous.connection === "revoked" ? previous : { ...previous, connection },
      );
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
      if (result.kind === "ok") receive(result.summary);
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
        receive(summary);
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
