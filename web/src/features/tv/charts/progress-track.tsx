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
 * a ghost marker below. The scale stretches past the target when the projection exceeds it.
 */
export function ProgressTrack(props: ProgressTrackProps) {
  const { actual, target, expected, projected } = props;
  const max = Math.max(target, actual, projected ?? 0, 1);
  return (
    <div className="tv-track" role="img" aria-label={`${props.paceLabel}; ${props.targetLabel}`}>
      <div className="tv-track-bar">
        <div className={`tv-track-fill tv-${props.tone}`} style={{ width: pct(actual, max) }} />
        {max > target && <div className="tv-track-target" style={{ left: pct(target, max) }} />}
        <div className="tv-track-pace" style={{ left: pct(expected, max) }} />
        {projected !== null && (
          <div className="tv-track-projected" style={{ left: pct(projected, max) }} />
        )}
      </div>
      <div className="tv-track-label tv-track-label-pace" style={labelStyle(expected, max)}>
        {props.paceLabel}
      </div>
      {projected !== null && props.projectedLabel && (
        <div className="tv-track-label tv-track-label-projected" style={labelStyle(projected, max)}>
          {props.projectedLabel}
        </div>
      )}
    </div>
  );
}
