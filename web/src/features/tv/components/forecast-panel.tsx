import type { Formatters } from "../../../lib/format";
import type { LiveSummary } from "../api/live-summary";
import { statusTone } from "./tv-words";

const parts = [
  { key: "booked", label: "Booked", team: "both teams", tone: "total" },
  { key: "pipeline", label: "Open pipeline", team: "sales", tone: "sales" },
  { key: "leadsInHand", label: "Leads in hand", team: "marketing", tone: "marketing" },
  { key: "leadsToCome", label: "Leads to come", team: "marketing", tone: "to-come" },
] as const;

/** Panel: where the period will land, what each team brings to it, beside the run rate. */
export function ForecastPanel({ summary, format }: { summary: LiveSummary; format: Formatters }) {
  const { forecast, target } = summary;
  // Nothing recorded: the total would be the plan restated; no verdict on it.
  if (forecast.status === "not_started") {
    return (
      <section className="tv-panel tv-forecast" aria-label="Where we will land">
        <div>
          <div className="tv-stat-label">Where we will land</div>
          <div className="tv-big tv-neutral">No forecast yet</div>
          <div className="tv-of">Nothing is recorded yet · target {format.money(target)}</div>
        </div>
      </section>
    );
  }
  const tone = statusTone[forecast.status];
  const scale = Math.max(forecast.total, target, 1);
  return (
    <section className="tv-panel tv-forecast" aria-label="Where we will land">
      <div>
        <div className="tv-stat-label">Where we will land</div>
        <div className={`tv-big tv-${tone}`}>{format.money(forecast.total)}</div>
        <div className="tv-of">
          likely {format.moneyCompact(forecast.low)} – {format.moneyCompact(forecast.high)} · target{" "}
          {format.money(target)}
          {forecast.runRate !== null && (
            <span className="tv-of-share"> · run rate {format.moneyCompact(forecast.runRate)}</span>
          )}
        </div>
        {forecast.moved && (
          <div className="tv-of">
            {format.moneySigned(forecast.moved.total)} since {format.dayShort(forecast.moved.since)}
          </div>
        )}
      </div>
      <div className="tv-forecast-bar" aria-hidden="true">
        {parts.map((p) => (
          <span
            key={p.key}
            className={`tv-forecast-part tv-part-${p.tone}`}
            style={{ width: `${(forecast[p.key] / scale) * 100}%` }}
          />
        ))}
        <span className="tv-forecast-target" style={{ left: `${(target / scale) * 100}%` }} />
      </div>
      <div className="tv-stats">
        {parts.map((p) => (
          <div key={p.key} className="tv-stat">
            <div className="tv-stat-label">
              <span className={`tv-swatch tv-part-${p.tone}`} aria-hidden="true" /> {p.label}
            </div>
            <div className="tv-stat-value">{format.money(forecast[p.key])}</div>
            <div className="tv-stat-detail">{p.team}</div>
          </div>
        ))}
      </div>
      {!forecast.enough && (
        <div className="tv-of">Too little history yet: the chances are the plan's rates.</div>
      )}
    </section>
  );
}
