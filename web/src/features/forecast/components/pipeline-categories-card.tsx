import type { UseQueryResult } from "@tanstack/react-query";
import { Card } from "../../../components/ui/card";
import { EmptyState, ErrorState, LoadingState } from "../../../components/ui/states";
import type { Formatters } from "../../../lib/format";
import type { Forecast } from "../api/forecast";

type Part = Forecast["pipeline"]["byCategory"][number];

const categoryNames: Record<NonNullable<Part["category"]>, string> = {
  commit: "Commit",
  best_case: "Best case",
  pipeline: "Pipeline",
  omitted: "Omitted",
};

/** How the category's deals were valued, in words (decision 061). */
function howValued(part: Part, forecast: Forecast, format: Formatters): string {
  if (part.learned) return "valued on its own history";
  if (!forecast.history.enough) return "the plan's win rate: too little history";
  if (part.category === null) return "all deals' chance: no category";
  if (forecast.asOf < forecast.pipeline.categoriesFrom)
    return `all deals' chance until ${format.dayShort(forecast.pipeline.categoriesFrom)}`;
  return "all deals' chance: under 20 won deals";
}

function PipelineCategories({ forecast, format }: { forecast: Forecast; format: Formatters }) {
  const { pipeline } = forecast;
  if (pipeline.byCategory.length === 0) {
    return (
      <EmptyState title="No open deals">
        Open deals show here by the forecast category your CRM gives them.
      </EmptyState>
    );
  }
  return (
    <div className="table-scroll">
      <table className="data-table pipeline-categories-table">
        <caption className="visually-hidden">
          Open deals by forecast category and what each is expected to win this period
        </caption>
        <thead>
          <tr>
            <th scope="col">Category</th>
            <th scope="col" className="num">
              Open
            </th>
            <th scope="col" className="num">
              Expected
            </th>
          </tr>
        </thead>
        <tbody>
          {pipeline.byCategory.map((part) => (
            <tr key={part.category ?? "none"}>
              <th scope="row">
                {part.category === null ? "No category" : categoryNames[part.category]}
                <span className="pipeline-category-how muted small">
                  {part.deals === 1 ? "1 deal" : `${format.count(part.deals)} deals`},{" "}
                  {howValued(part, forecast, format)}
                </span>
              </th>
              <td className="num">{format.money(part.amount)}</td>
              <td className="num">{format.money(part.expected)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">
              Open pipeline
              <span className="pipeline-category-how muted small">
                {format.count(pipeline.deals)} deals
              </span>
            </th>
            <td className="num">{format.money(pipeline.amount)}</td>
            <td className="num strong">{format.money(pipeline.expected)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** Sales' part of the forecast by the deals' forecast category. */
export function PipelineCategoriesCard({
  forecast,
  format,
}: {
  forecast: UseQueryResult<Forecast>;
  format: Formatters;
}) {
  return (
    <Card
      title="Pipeline by forecast category"
      description="Each open deal at its chance by the category it is in"
      span={12}
    >
      {forecast.isPending ? (
        <LoadingState label="Loading the pipeline…" rows={3} />
      ) : forecast.isError ? (
        <ErrorState error={forecast.error} onRetry={() => forecast.refetch()} />
      ) : (
        <PipelineCategories forecast={forecast.data} format={format} />
      )}
    </Card>
  );
}
