export interface BridgeStep {
  label: string;
  value: number;
  /** A total starts at zero; a delta moves the running total. */
  kind: "total" | "delta";
}

export interface GapBridgeProps {
  steps: BridgeStep[];
  formatTotal(value: number): string;
  formatDelta(value: number): string;
}

interface Bar {
  step: BridgeStep;
  from: number;
  to: number;
}

/**
 * The waterfall from plan-to-date to actual, one row per lever, drawn with positioned boxes
 * so it stays sharp at any screen size.
 */
export function GapBridge({ steps, formatTotal, formatDelta }: GapBridgeProps) {
  let running = 0;
  const bars: Bar[] = steps.map((step) => {
    if (step.kind === "total") {
      running = step.value;
      return { step, from: 0, to: step.value };
    }
    const from = running;
    running += step.value;
    return { step, from, to: running };
  });
  // The axis starts near the smallest running total, not at zero: levers worth a few
  // percent of plan would otherwise be slivers. Totals run from the left edge.
  const values = bars.flatMap((b) => (b.step.kind === "total" ? [b.to] : [b.from, b.to]));
  const min = Math.min(...values);
  const max = Math.max(...values);
  const pad = (max - min) * 0.35 || Math.abs(max) * 0.05 || 1;
  const low = min >= 0 ? Math.max(0, min - pad) : min - pad;
  const high = max + pad * 0.15;
  const span = high - low || 1;
  const at = (v: number) => ((v - low) / span) * 100;

  return (
    <div className="tv-bridge">
      {bars.map(({ step, from, to }) => {
        const left = step.kind === "total" ? 0 : at(Math.min(from, to));
        const width = Math.max(at(Math.max(from, to)) - left, 0.6);
        const tone = step.kind === "total" ? "total" : step.value >= 0 ? "positive" : "negative";
        return (
          <div className="tv-bridge-row" key={step.label}>
            <span className="tv-bridge-label">{step.label}</span>
            <span className="tv-bridge-lane">
              <span
                className={`tv-bridge-bar tv-bridge-${tone}`}
                style={{ left: `${left}%`, width: `${width}%` }}
              />
            </span>
            <span className={`tv-bridge-value tv-${tone}`}>
              {step.kind === "total" ? formatTotal(step.value) : formatDelta(step.value)}
            </span>
          </div>
        );
      })}
    </div>
  );
}
