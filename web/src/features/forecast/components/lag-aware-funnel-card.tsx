import { useQuery } from "@tanstack/react-query";
import { Card } from "../../../components/ui/card";
import { ErrorState, LoadingState } from "../../../components/ui/states";
import type { Formatters } from "../../../lib/format";
import { type Forecast, forecastQuery } from "../api/forecast";
import { FallbackNote } from "./forecast-card";

/** "9,000 leads, not 8,000: 66 wins are already in hand." */
export function lagAwareSentence(forecast: Forecast, format: Formatters): string {
  const { leadsNeeded, naiveLeadsNeeded, winsInHand } = forecast;
  const inHand = `${format.count(Math.floor(winsInHand))} wins are already in hand`;
  if (leadsNeeded === null) return `No lead arriving now can close in time; ${inHand}.`;
  if (leadsNeeded === 0) return `No more leads needed: ${inHand}, enough for the target.`;
  const naive = naiveLeadsNeeded === null ? "" : `, not ${format.count(naiveLeadsNeeded)}`;
  return `${format.count(leadsNeeded)} leads${naive}: ${inHand}, and only part of a new lead's wins land this period.`;
}

/** The reverse funnel that knows the lag, beside the plan's naive one. */
export function LagAwareFunnelCard({ goalId, format }: { goalId: string; format: Formatters }) {
  const forecast = useQuery(forecastQuery(goalId, null));
  return (
    <Card
      title="Leads still needed, lag included"
      description="The naive funnel assumes every lead closes in the period and nothing is in hand"
      span={12}
    >
      {forecast.isPending ? (
        <LoadingState label="Loading the lag-aware funnel…" rows={3} />
      ) : forecast.isError ? (
        <ErrorState error={forecast.error} onRetry={() => forecast.refetch()} />
      ) : (
        <LagAwareFunnel forecast={forecast.data} format={format} />
      )}
    </Card>
  );
}

function LagAwareFunnel({ forecast, format }: { forecast: Forecast; format: Formatters }) {
  return (
    <div className="lag-funnel">
      <p className="lag-funnel-sentence" data-testid="lag-aware-sentence">
        {lagAwareSentence(forecast, format)}
      </p>
      <dl className="lag-stats">
        <div>
          <dt>Naive funnel</dt>
          <dd>
            {forecast.naiveLeadsNeeded === null ? "—" : format.count(forecast.naiveLeadsNeeded)}{" "}
            leads
          </dd>
        </div>
        <div>
          <dt>Lag-aware</dt>
          <dd>{forecast.leadsNeeded === null ? "—" : format.count(forecast.leadsNeeded)} leads</dd>
        </div>
        <div>
          <dt>Wins needed / in hand</dt>
          <dd>
            {format.count(Math.ceil(forecast.winsNeeded))} /{" "}
            {format.count(Math.floor(forecast.winsInHand))}
          </dd>
        </div>
      </dl>
      <p className="muted small">
        Wins in hand are those booked and expected from the open pipeline and the leads already in
        hand; a new lead brings {format.percent(forecast.lag.q0, 0)} of its wins in its own period
        (q0).{" "}
        {forecast.lag.medianDays !== null &&
          `Half of the wins take ${forecast.lag.medianDays} days or less.`}
      </p>
      <FallbackNote forecast={forecast} />
    </div>
  );
}
