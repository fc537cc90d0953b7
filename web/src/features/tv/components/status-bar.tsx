import type { Connection } from "../api/use-live-summary";
import { useNow } from "../hooks/use-now";

const connectionWords: Record<Connection, string> = {
  connecting: "Connecting",
  live: "Live",
  reconnecting: "Reconnecting",
  revoked: "Link revoked",
};

function agoWords(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  return `${Math.round(minutes / 60)} h ago`;
}

/** The footer: which panel is up, and whether the screen is live and how fresh it is. */
export function StatusBar({
  panels,
  active,
  connection,
  updatedAt,
}: {
  panels: string[];
  active: number;
  connection: Connection;
  updatedAt: number | null;
}) {
  const now = useNow(1000);
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
      <div className="tv-connection" role="status" data-connection={connection}>
        <span className={`tv-connection-dot tv-connection-${connection}`} aria-hidden="true" />
        <span>{connectionWords[connection]}</span>
        {updatedAt !== null && (
          <span className="tv-updated">· updated {agoWords(now - updatedAt)}</span>
        )}
      </div>
    </footer>
  );
}
