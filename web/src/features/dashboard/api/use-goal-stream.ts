import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { queryKeys } from "../../../lib/query-keys";
import { sessionQuery } from "../../auth/session";

export type StreamState = "connecting" | "live" | "reconnecting" | "off";

/**
 * Keeps everything under a goal fresh while the dashboard is open: the goal's stream sends a
 * `summary` event after every change (a check-in, an ingest batch, a plan edit), and each one
 * after the first refetches the goal's queries. EventSource reconnects by itself; the state
 * says whether the numbers are live.
 */
export function useGoalStream(goalId: string | null, enabled: boolean): StreamState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<StreamState>("off");

  useEffect(() => {
    if (!goalId || !enabled || typeof EventSource === "undefined") {
      setState("off");
      return;
    }
    setState("connecting");
    const source = new EventSource(`/api/v1/goals/${encodeURIComponent(goalId)}/stream`);
    let first = true;
    const onSummary = () => {
      setState("live");
      // The first event is the summary as it is now, which the page has just read.
      if (first) {
        first = false;
        return;
      }
      void queryClient.invalidateQueries({ queryKey: queryKeys.goals.detail(goalId) });
    };
    const onGone = () => {
      source.close();
      setState("off");
    };
    // The session ended (signed out here or ended from another device): no reconnect, which
    // would only be refused, and the session is asked again so the app goes to sign-in.
    const onSignedOut = () => {
      onGone();
      void queryClient.invalidateQueries({ queryKey: sessionQuery.queryKey });
    };
    source.addEventListener("summary", onSummary);
    source.addEventListener("gone", onGone);
    source.addEventListener("signed_out", onSignedOut);
    source.onerror = () =>
      setState(source.readyState === EventSource.CLOSED ? "off" : "reconnecting");
    return () => {
      source.removeEventListener("summary", onSummary);
      source.removeEventListener("gone", onGone);
      source.removeEventListener("signed_out", onSignedOut);
      source.close();
    };
  }, [goalId, enabled, queryClient]);

  return state;
}
