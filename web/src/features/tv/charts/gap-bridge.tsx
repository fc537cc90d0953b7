import { type BridgeStep, bridgeLayout } from "../../../lib/gap-bridge";

export interface GapBridgeProps {
  steps: BridgeStep[];
  formatTotal(value: number): string;
  formatDelta(value: number): string;
}

/**
 * The waterfall from expected to date to actual, one row per step, drawn with positioned boxes
 * so it stays sharp at any screen size; the same layout as the dashboard's bridge.
 */
export function GapBridge({ steps, formatTotal, formatDelta }: GapBridgeProps) {
  const layout = bridgeLayout(steps);
  return (
    <div className="tv-bridge">
      {layout.bars.map(({ step, left, width }) => {
        const tone = step.kind === "total" ? "total" : step.value >= 0 ? "positive" : "negative";
        return (
          <div className="tv-bridge-row" key={step.key}>
            <span className="tv-bridge-label">{step.label}</span>
            <span className="tv-bridge-lane">
              <span
                className={`tv-bridge-bar tv-bridge-${tone}`}
                style={{ left: `${left}%`, width: `max(${width}%, 2px)` }}
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
