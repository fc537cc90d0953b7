/** not_started: no check-in yet, or no facts in the period yet; nothing to judge. */
export type Status = "on_track" | "at_risk" | "off_track" | "not_started";

export const statusWords: Record<Status, string> = {
  on_track: "On track",
  at_risk: "At risk",
  off_track: "Off track",
  not_started: "Not started",
};

/** `words` replaces the status's own words where a screen says more (a closed period's result). */
export function StatusBadge({
  status,
  large,
  words,
}: {
  status: Status;
  large?: boolean;
  words?: string;
}) {
  return (
    <span className={`status-badge status-${status}${large ? " large" : ""}`}>
      <span className="status-dot" aria-hidden="true" />
      {words ?? statusWords[status]}
    </span>
  );
}
