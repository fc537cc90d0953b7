/**
 * A horizontal bar of a share (0..1, clamped for drawing), with an optional marker for where
 * it should be by now. A native meter carries the value and its words for assistive
 * technology; the drawn bar is decoration.
 */
export function ProgressBar({
  value,
  marker,
  label,
  tone = "accent",
}: {
  value: number;
  marker?: number | null;
  label: string;
  tone?: "accent" | "on_track" | "at_risk" | "off_track" | "not_started";
}) {
  const clamp = (v: number) => Math.max(0, Math.min(1, v));
  return (
    <div className={`progress tone-${tone}`}>
      <meter className="visually-hidden" min={0} max={1} value={clamp(value)} aria-label={label} />
      <div
        className="progress-fill"
        style={{ width: `${clamp(value) * 100}%` }}
        aria-hidden="true"
      />
      {marker !== undefined && marker !== null && (
        <div
          className="progress-marker"
          style={{ left: `${clamp(marker) * 100}%` }}
          aria-hidden="true"
        />
      )}
    </div>
  );
}
