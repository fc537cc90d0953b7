import { useQuery } from "@tanstack/react-query";
import { useOrg } from "../../../app/org-context";
import { Card } from "../../../components/ui/card";
import { PageHeader } from "../../../components/ui/page-header";
import { EmptyState, ErrorState, LoadingState } from "../../../components/ui/states";
import type { Formatters } from "../../../lib/format";
import { humanize } from "../../../lib/words";
import { useCurrentGoal } from "../../goals/api/goals";
import { GoalPicker } from "../../goals/components/goal-picker";
import {
  type AllModels,
  type AttributionModel,
  attributionQuery,
  modelWords,
} from "../api/attribution";
import { AttributionChart } from "../charts/attribution-chart";

const seriesColors = [
  "var(--series-1)",
  "var(--series-2)",
  "var(--series-3)",
  "var(--series-4)",
  "var(--series-5)",
  "var(--series-6)",
  "var(--series-7)",
];

function channelsOf(data: AllModels): string[] {
  const totals = new Map<string, number>();
  for (const model of data.models) {
    for (const c of model.channels) totals.set(c.channel, (totals.get(c.channel) ?? 0) + c.credit);
  }
  return [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([channel]) => channel);
}

function creditOf(data: AllModels, model: AttributionModel, channel: string): number {
  return (
    data.models.find((m) => m.model === model)?.channels.find((c) => c.channel === channel)
      ?.credit ?? 0
  );
}

/** The channel whose credit swings most between models: the one the models disagree on. */
function disagreement(data: AllModels, channels: string[], format: Formatters): string {
  let best: {
    channel: string;
    low: number;
    high: number;
    lowModel: AttributionModel;
    highModel: AttributionModel;
  } | null = null;
  for (const channel of channels) {
    const credits = data.models.map((m) => ({
      model: m.model,
      credit: creditOf(data, m.model, channel),
    }));
    const low = credits.reduce((a, b) => (b.credit < a.credit ? b : a));
    const high = credits.reduce((a, b) => (b.credit > a.credit ? b : a));
    if (!best || high.credit - low.credit > best.high - best.low) {
      best = {
        channel,
        low: low.credit,
        high: high.credit,
        lowModel: low.model,
        highModel: high.model,
      };
    }
  }
  if (!best || best.high === best.low) return "Every model credits the channels alike.";
  const name = (m: AttributionModel) => modelWords[m].name;
  return `${humanize(best.channel)} is credited ${format.money(best.low)} under ${name(best.lowModel)} but ${format.money(best.high)} under ${name(best.highModel)}: the models disagree most on it.`;
}

export function AttributionPage() {
  const { me, format } = useOrg();
  const { goals, goal, select } = useCurrentGoal(me.organization.timezone);
  const attribution = useQuery({ ...attributionQuery(goal?.id ?? ""), enabled: goal !== null });

  const header = (
    <PageHeader
      title="Attribution"
      description="Won revenue of the period by channel, under every model side by side: marketing's touches and sales' closes, credited both ways."
      actions={
        goals.data && goal ? (
          <GoalPicker goals={goals.data} value={goal.id} onChange={select} />
        ) : null
      }
    />
  );
  if (goals.isPending || (goal && attribution.isPending)) {
    return (
      <>
        {header}
        <LoadingState rows={6} />
      </>
    );
  }
  if (goals.isError || attribution.isError) {
    return (
      <>
        {header}
        <ErrorState
          error={goals.error ?? attribution.error}
          onRetry={() => (goals.isError ? goals.refetch() : attribution.refetch())}
        />
      </>
    );
  }
  if (!goal || !attribution.data) {
    return (
      <>
        {header}
        <EmptyState title="No goal yet">
          Attribution covers the deals won in the shared goal's period. An executive creates the
          goal on the Plan page.
        </EmptyState>
      </>
    );
  }
  const data = attribution.data;
  if (data.deals === 0) {
    return (
      <>
        {header}
        <EmptyState title="No won deals in this period yet">
          Attribution credits won revenue to the channels that touched each deal. It fills in as
          deals close.
        </EmptyState>
      </>
    );
  }
  const channels = channelsOf(data);
  const rows = channels.map((channel) => {
    const row: { channel: string } & Record<string, number | string> = {
      channel: humanize(channel),
    };
    for (const m of data.models) row[m.model] = creditOf(data, m.model, channel);
    return row;
  });
  const series = data.models.map((m, i) => ({
    key: m.model,
    label: modelWords[m.model].name,
    color: seriesColors[i % seriesColors.length] ?? "var(--accent)",
  }));
  const summary = `${format.money(data.total)} won in ${format.count(data.deals)} deals through ${format.day(data.asOf)}. ${disagreement(data, channels, format)}`;

  return (
    <>
      {header}
      <div className={`grid${attribution.isPlaceholderData ? " is-stale" : ""}`}>
        <Card
          span={12}
          title="Revenue by channel, every model"
          description="Each bar is what one model credits to a channel; hover or focus the chart for amounts."
        >
          <AttributionChart rows={rows} series={series} format={format} summary={summary} />
        </Card>
        <Card
          span={8}
          title="Credit by channel and model"
          description="Each column sums to the won revenue; shares are of that total."
        >
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Channel</th>
                  {data.models.map((m) => (
                    <th key={m.model} scope="col" className="num">
                      {modelWords[m.model].name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {channels.map((channel) => (
                  <tr key={channel}>
                    <th scope="row">{humanize(channel)}</th>
                    {data.models.map((m) => {
                      const credit = creditOf(data, m.model, channel);
                      return (
                        <td key={m.model} className="num">
                          {format.moneyCompact(credit)}
                          <span className="muted small block">
                            {m.total > 0 ? format.percent(credit / m.total, 0) : "—"}
                          </span>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Total</th>
                  {data.models.map((m) => (
                    <td key={m.model} className="num">
                      {format.moneyCompact(m.total)}
                    </td>
                  ))}
                </tr>
              </tfoot>
            </table>
          </div>
        </Card>
        <Card span={4} title="The models, in one sentence each">
          <dl className="model-list">
            {data.models.map((m, i) => (
              <div key={m.model}>
                <dt>
                  <span
                    className="swatch"
                    style={{ background: seriesColors[i % seriesColors.length] }}
                    aria-hidden="true"
                  />
                  {modelWords[m.model].name}
                </dt>
                <dd>{modelWords[m.model].sentence}</dd>
              </div>
            ))}
          </dl>
        </Card>
      </div>
    </>
  );
}
