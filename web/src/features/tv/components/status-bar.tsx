import type { Formatters } from "../../../lib/format";
import type { Connection } from "../api/use-live-summary";
import { useNow } from "../hooks/use-now";
import { agoWords } from "./tv-words";

const connectionWords: Record<Connection, string> = {
  connecting: "Connecting",
  live: "Live",
  reconnecting: "Reconnecting",
  revoked: "Link revoked",
};

/**
 * The footer: which panel is up, whether the screen is live, and how old its numbers are
 * (when they last changed on the server, not when this screen last heard from it).
 */
export function StatusBar({
  panels,
  active,
  connection,
  updatedAt,
  lostAt,
  offline,
  format,
}: {
  panels: string[];
  active: number;
  connection: Connection;
  updatedAt: number | null;
  lostAt: number | null;
  /** Lost for long enough that the numbers are dimmed. */
  offline: boolean;
  format: Formatters;
}) {
  const now = useNow(1000);
  const since = lostAt === null ? null : format.dateTime(new Date(lostAt).toISOString());
  return (
    <footer className="tv-footer">
      <ol className="tv-dots" aria-label="Panels">
        {panels.map((name, index) => (
          <li
            key={name}
            className={index === active ? "tv-dot-active" : undefined}
            aria-current={index === active}
          >
            {name}
          </li>
        ))}
      </ol>
      <div
        className="tv-connection"
        role="status"
        data-connection={offline ? "offline" : connection}
      >
        <span
          className={`tv-connection-dot tv-connection-${offline ? "offline" : connection}`}
          aria-hidden="true"
        />
        <span>{offline && since ? `Offline since ${since}` : connectionWords[connection]}</span>
        {updatedAt !== null && (
          <span className="tv-updated">· updated {agoWords(now - updatedAt)}</span>
        )}
      </div>
    </footer>
  );
}
