import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { Card } from "../../../components/ui/card";
import { EmptyState, ErrorState, LoadingState } from "../../../components/ui/states";
import { StatusBadge } from "../../../components/ui/status-badge";
import type { Formatters } from "../../../lib/format";
import { resultVerdict } from "../../../lib/period-verdict";
import { type Forecast, forecastQuery } from "../api/forecast";
import { moveSentence } from "./forecast-parts";
import { PartsBar } from "./parts-bar";
import "../forecast.css";

export function partsOf(forecast: Forecast) {
  return {
    booked: forecast.booked,
    pipeline: forecast.pipeline.expected,
    leadsInHand: forecast.leadsInHand.expected,
    leadsToCome: forecast.leadsToCome.expected,
  };
}

/** Too little history: the forecast says so wherever it is shown. */
export function FallbackNote({ forecast }: { forecast: Forecast }) {
  if (forecast.history.enough) return null;
  return (
    <p className="forecast-note" role="note">
      Too little history to learn from ({forecast.history.wonDeals} won deals, 20 needed): the
      chances are the plan's rates.
    </p>
  );
}

/** The dashboard's forecast: where the period will land, by part, beside the run rate. */
export function ForecastCard({
  goalId,
  asOf,
  closed,
  format,
}: {
  goalId: string;
  asOf: string | null;
  /** The period is over and shown as of its end: the forecast is its result. */
  closed: boolean;
  format: Formatters;
}) {
  const forecast = useQuery(forecastQuery(goalId, asOf));
  return (
    <Card
      title="Forecast: where we will land"
      description="What both teams have in hand, each part credited"
      span={12}
      className="forecast-card"
      actions={
        <Link className="button small" to="/forecast">
          Open the forecast
        </Link>
      }
    >
      {forecast.isPending ? (
        <LoadingState label="Loading the forecast…" rows={3} />
      ) : forecast.isError ? (
        <ErrorState error={forecast.error} onRetry={() => forecast.refetch()} />
      ) : (
        <ForecastSummary forecast={forecast.data} closed={closed} format={format} />
      )}
    </Card>
  );
}

export function ForecastSummary({
  forecast,
  closed,
  format,
}: {
  forecast: Forecast;
  closed: boolean;
  format: Formatters;
}) {
  if (forecast.status === "not_started") {
    // Nothing recorded: the total would be the plan restated, and a verdict on it judges nothing.
    return (
      <EmptyState title="No forecast yet">
        Nothing is recorded to forecast from: no revenue, deals or leads yet. The forecast, its
        range and a verdict appear with the first leads or deals from your CRM or a CSV import.
      </EmptyState>
    );
  }
  // Over: nothing is left to forecast, so the badge is the result, as on the headline.
  const verdict = closed ? resultVerdict(forecast.booked, forecast.target, format) : null;
  const share = forecast.target > 0 ? forecast.total / forecast.target : null;
  const moved = moveSentence(forecast.moved, format);
  return (
    <div className="forecast-summary">
      <div className="forecast-headline">
        <p className="forecast-total">
          <span data-testid="forecast-total">{format.money(forecast.total)}</span>
          {share !== null && <span className="muted"> · {format.percent(share, 0)} of target</span>}
        </p>
        <p className="forecast-range">
          likely between {format.money(forecast.low)} and {format.money(forecast.high)}
          <span className="muted"> (10th–90th percentile)</span>
        </p>
        <div className="forecast-badges">
          <StatusBadge status={verdict?.tone ?? forecast.status} words={verdict?.words} />
          <span className="forecast-runrate">
            Run rate{" "}
            <strong>{forecast.runRate === null ? "—" : format.money(forecast.runRate)}</strong>
          </span>
        </div>
        {moved && <p className="forecast-moved">{moved}</p>}
        <FallbackNote forecast={forecast} />
      </div>
      <PartsBar parts={partsOf(forecast)} target={forecast.target} format={format} />
    </div>
  );
}
