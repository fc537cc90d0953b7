import type { Formatters } from "../../../lib/format";
import { forecastParts, type PartAmounts } from "./forecast-parts";

/**
 * The forecast's four parts as one bar against the target, with a legend that names each part,
 * its team and its amount (the legend is the accessible reading; the bar is decoration).
 */
export function PartsBar({
  parts,
  target,
  format,
}: {
  parts: PartAmounts;
  target: number;
  format: Formatters;
}) {
  const total = forecastParts.reduce((sum, p) => sum + parts[p.key], 0);
  const scale = Math.max(total, target, 1);
  return (
    <div className="parts">
      <div className="parts-bar" aria-hidden="true">
        {forecastParts.map((p) => (
          <span
            key={p.key}
            className={`parts-segment part-${p.tone}`}
            style={{ width: `${(parts[p.key] / scale) * 100}%` }}
          />
        ))}
        {target > 0 && (
          <span className="parts-target" style={{ left: `${(target / scale) * 100}%` }} />
        )}
      </div>
      <ul className="parts-legend">
        {forecastParts.map((p) => (
          <li key={p.key}>
            <span className={`parts-swatch part-${p.tone}`} aria-hidden="true" />
            <span className="parts-label">
              {p.label} <span className="muted">· {p.team}</span>
            </span>
            <strong className="parts-amount">{format.money(parts[p.key])}</strong>
          </li>
        ))}
      </ul>
    </div>
  );
}
