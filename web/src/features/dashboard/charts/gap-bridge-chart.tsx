import { useEffect, useRef, useState } from "react";
import type { Formatters } from "../../../lib/format";
import { type BridgeStep, bridgeLayout, ownerWords } from "../../../lib/gap-bridge";

export interface GapBridgeConfig {
  steps: BridgeStep[];
  format: Formatters;
  summary: string;
}

/** The lane's width in pixels, so the axis has as many tick labels as fit without touching. */
function useWidth<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(entry?.contentRect.width ?? 0));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

/** A tick label takes about 64 px ("$1.25M" and a gap); two labels always fit. */
const TICK_SPACE = 64;

function toneOf(step: BridgeStep): string {
  if (step.kind === "total") return "total";
  return step.value >= 0 ? "positive" : "negative";
}

/**
 * The gap bridge: one row per step, from expected to date through the plan's own difference and
 * each lever to actual. Rows keep labels and values in their own columns, so nothing overlaps at
 * any width; the axis follows the data (below zero too) and a step too small to see is still
 * drawn as a hairline at its place.
 */
export function GapBridgeChart({ steps, format, summary }: GapBridgeConfig) {
  const [axisRef, laneWidth] = useWidth<HTMLDivElement>();
  const layout = bridgeLayout(steps, Math.max(2, Math.floor(laneWidth / TICK_SPACE)));
  const { ticks } = layout.scale;
  const zero = ticks[0] !== undefined && ticks[0] < 0 ? layout.at(0) : null;
  return (
    <figure className="chart-figure">
      <table className="bridge" aria-describedby="bridge-summary">
        <caption className="visually-hidden">Gap bridge, step by step</caption>
        {/* A fixed layout takes its widths from the columns, not from the hidden header row. */}
        <colgroup>
          <col className="bridge-col-label" />
          <col />
          <col className="bridge-col-amount" />
        </colgroup>
        <thead className="visually-hidden">
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Bar</th>
            <th scope="col">Amount</th>
          </tr>
        </thead>
        <tbody>
          {layout.bars.map(({ step, left, width }) => (
            <tr key={step.key} className="bridge-row" data-testid={`bridge-${step.key}`}>
              <th scope="row" className="bridge-label">
                <span className="bridge-name">{step.label}</span>
                {step.owner && (
                  <span className={`bridge-owner owner-${step.owner}`}>
                    {ownerWords[step.owner]}
                  </span>
                )}
                {step.detail && <span className="bridge-detail">{step.detail}</span>}
              </th>
              <td className="bridge-lane" aria-hidden="true">
                {ticks.map((tick) => (
                  <span
                    key={tick}
                    className="bridge-grid"
                    style={{ left: `${layout.at(tick)}%` }}
                  />
                ))}
                {zero !== null && <span className="bridge-zero" style={{ left: `${zero}%` }} />}
                <span
                  className={`bridge-bar bridge-${toneOf(step)}${step.kind === "total" && layout.cut ? " is-cut" : ""}`}
                  style={{ left: `${left}%`, width: `${width}%` }}
                />
              </td>
              <td className={`bridge-amount tone-${toneOf(step)}`}>
                {step.kind === "total"
                  ? format.moneyCompact(step.value)
                  : format.moneySignedCompact(step.value)}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot aria-hidden="true">
          <tr>
            <td />
            <td className="bridge-axis">
              <div ref={axisRef} className="bridge-axis-inner">
                {ticks.map((tick, index) => (
                  <span
                    key={tick}
                    className={`bridge-tick${index === 0 ? " is-first" : index === ticks.length - 1 ? " is-last" : ""}`}
                    style={{ left: `${layout.at(tick)}%` }}
                  >
                    {format.moneyAxis(tick)}
                  </span>
                ))}
              </div>
            </td>
            <td />
          </tr>
        </tfoot>
      </table>
      {layout.cut && (
        <p className="chart-note">
          The axis starts at {format.moneyAxis(layout.scale.domain[0])}: the totals' bars are cut so
          the steps stay readable.
        </p>
      )}
      <figcaption id="bridge-summary" className="chart-caption">
        {summary}
      </figcaption>
    </figure>
  );
}
