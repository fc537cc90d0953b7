export interface ProgressTrackProps {
  actual: number;
  target: number;
  /** Where the pace says we should be today. */
  expected: number;
  projected: number | null;
  tone: "positive" | "warning" | "negative" | "neutral";
  paceLabel: string;
  projectedLabel: string | null;
  targetLabel: string;
}

const share = (value: number, max: number) => Math.max(0, Math.min(100, (value / max) * 100));
const pct = (value: number, max: number) => `${share(value, max)}%`;

/** Labels near either end hang inward, so they never run off the screen. */
function labelStyle(value: number, max: number) {
  const at = share(value, max);
  const shift = at > 88 ? "-100%" : at < 12 ? "0%" : "-50%";
  return { left: `${at}%`, transform: `translateX(${shift})` };
}

/**
 * The one number as a bar: actual filled, today's pace as a marker above, the projection as
 * a ghost marker and the target as a solid tick, both labelled below. The scale stretches past the target when the projection exceeds it.
 */
export function ProgressTrack(props: ProgressTrackProps) {
  const { actual, target, expected, projected } = props;
  const max = Math.max(target, actual, projected ?? 0, 1);
  // The projection and the target share the row under the bar: close together, one label.
  const together = projected !== null && Math.abs(share(projected, max) - share(target, max)) < 22;
  const targetWords =
    together && props.projectedLabel
      ? `${props.projectedLabel} · ${props.targetLabel}`
      : props.targetLabel;
  return (
    <div className="tv-track" role="img" aria-label={`${props.paceLabel}; ${targetWords}`}>
      <div className="tv-track-bar">
        <div className={`tv-track-fill tv-${props.tone}`} style={{ width: pct(actual, max) }} />
        <div className="tv-track-target" style={{ left: pct(target, max) }} />
        <div className="tv-track-pace" style={{ left: pct(expected, max) }} />
        {projected !== null && (
          <div className="tv-track-projected" style={{ left: pct(projected, max) }} />
        )}
      </div>
      <div className="tv-track-label tv-track-label-pace" style={labelStyle(expected, max)}>
        {props.paceLabel}
      </div>
      {projected !== null && props.projectedLabel && !together && (
        <div className="tv-track-label tv-track-label-projected" style={labelStyle(projected, max)}>
          {props.projectedLabel}
        </div>
      )}
      <div className="tv-track-label tv-track-label-target" style={labelStyle(target, max)}>
        {targetWords}
      </div>
    </div>
  );
}
