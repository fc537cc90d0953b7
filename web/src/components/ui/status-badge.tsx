/** not_started: no check-in yet, or no facts in the period yet; nothing to judge. */
export type Status = "on_track" | "at_risk" | "off_track" | "not_started";

export const statusWords: Record<Status, string> = {
  on_track: "On track",
  at_risk: "At risk",
  off_track: "Off track",
  not_started: "Not started",
};

export function StatusBadge({ status, large }: { status: Status; large?: boolean }) {
  return (
    <span className={`status-badge status-${status}${large ? " large" : ""}`}>
      <span className="status-dot" aria-hidden="true" />
      {statusWords[status]}
    </span>
  );
}
