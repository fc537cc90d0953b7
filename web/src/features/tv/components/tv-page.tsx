import { useEffect, useMemo } from "react";
import { useParams, useSearchParams } from "react-router";
import { createFormatters } from "../../../lib/format";
import { useLiveSummary } from "../api/use-live-summary";
import { useIdleCursor } from "../hooks/use-idle-cursor";
import { useOffline } from "../hooks/use-offline";
import { useRotation } from "../hooks/use-rotation";
import { useWakeLock } from "../hooks/use-wake-lock";
import { ForecastPanel } from "./forecast-panel";
import { LeversPanel } from "./levers-panel";
import { MessageScreen } from "./message-screen";
import { NumberPanel } from "./number-panel";
import { StatusBar } from "./status-bar";
import { WinsPanel } from "./wins-panel";
import "../tv.css";

const ROTATE_EVERY_MS = 20_000;
const panels = [
  { key: "number", name: "The number", Panel: NumberPanel },
  { key: "forecast", name: "Where we will land", Panel: ForecastPanel },
  { key: "levers", name: "The levers", Panel: LeversPanel },
  { key: "wins", name: "Wins and check-ins", Panel: WinsPanel },
] as const;

/** `?panel=levers` keeps one panel on screen (a screen by the sales floor, say). */
function pinnedPanel(value: string | null): number | null {
  const index = panels.findIndex((p) => p.key === value);
  return index < 0 ? null : index;
}

/** The all-hands screen: no sign-in, no navigation, one goal, live. */
export function TvPage() {
  const { token = "" } = useParams();
  const [search] = useSearchParams();
  const { summary, connection, updatedAt, lostAt } = useLiveSummary(token);
  const offline = useOffline(connection === "live" ? null : lostAt);
  const active = useRotation(panels.length, ROTATE_EVERY_MS, pinnedPanel(search.get("panel")));
  const idle = useIdleCursor();
  useWakeLock();

  const currency = summary?.currency ?? "USD";
  const timezone = summary?.timezone ?? "UTC";
  const format = useMemo(() => createFormatters({ currency, timezone }), [currency, timezone]);
  const goalName = summary?.goal.name;
  useEffect(() => {
    document.title = goalName ? `${goalName} · Tandem TV` : "Tandem TV";
  }, [goalName]);

  if (connection === "revoked") {
    return (
      <MessageScreen title="This screen's link was revoked" tone="negative">
        It no longer shows the goal. Ask an executive for a new display link (Settings, Displays)
        and open it on this screen.
      </MessageScreen>
    );
  }
  if (!summary) {
    return (
      <MessageScreen title={connection === "reconnecting" ? "Cannot reach Tandem" : "Connecting…"}>
        {connection === "reconnecting"
          ? "Trying again by itself; the screen fills in as soon as the server answers."
          : null}
      </MessageScreen>
    );
  }

  const { Panel } = panels[active] ?? panels[0];
  return (
    <main
      className={`tv${idle ? " tv-idle" : ""}${offline ? " tv-offline" : ""}`}
      onDoubleClick={() => {
        if (document.fullscreenElement) void document.exitFullscreen();
        else void document.documentElement.requestFullscreen().catch(() => {});
      }}
    >
      <header className="tv-header">
        <h1 className="tv-goal">{summary.goal.name}</h1>
        <div className="tv-period">
          {format.dayShort(summary.goal.startsOn)} – {format.day(summary.goal.endsOn)} · day{" "}
          {summary.daysElapsed} of {summary.daysInPeriod}
        </div>
        {offline && lostAt !== null && (
          <p className="tv-offline-banner">
            No connection since {format.dateTime(new Date(lostAt).toISOString())}: these numbers may
            be out of date. The screen reconnects by itself.
          </p>
        )}
      </header>
      <Panel summary={summary} format={format} />
      <StatusBar
        panels={panels.map((p) => p.name)}
        active={active}
        connection={connection}
        updatedAt={updatedAt}
        lostAt={lostAt}
        offline={offline}
        format={format}
      />
    </main>
  );
}
