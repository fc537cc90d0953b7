import { Card } from "../../../components/ui/card";
import { EmptyState } from "../../../components/ui/states";
import type { Formatters } from "../../../lib/format";
import type { ForecastHistory } from "../api/forecast";

type Ratio = { ratio: number; accurate: boolean } | null;

function Cell({ value, format }: { value: Ratio; format: Formatters }) {
  if (!value) return <td className="num muted">—</td>;
  return (
    <td className={`num ${value.accurate ? "accuracy-yes" : "accuracy-no"}`}>
      {format.percent(value.ratio, 0)}
      <span className="visually-hidden">{value.accurate ? " accurate" : " off"}</span>
    </td>
  );
}

/** A closed period's forecast and calls at each week, as a share of what it finally came to. */
export function AccuracyCard({
  history,
  goalName,
  format,
}: {
  history: ForecastHistory | undefined;
  goalName: string;
  format: Formatters;
}) {
  return (
    <Card
      title={`How accurate we were · ${goalName}`}
      description="Each week's forecast and calls as a share of the final revenue; 85–115% counts as accurate"
      span={12}
    >
      {!history?.closed || history.final === null ? (
        <EmptyState title="No closed period yet">
          Once a period is over, its forecast and each team's call are compared here with what it
          finally came to, week by week.
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="data-table accuracy-table">
            <caption className="visually-hidden">
              Accuracy by week against the final revenue of {format.money(history.final)}
            </caption>
            <thead>
              <tr>
                <th scope="col">Week ending</th>
                <th scope="col" className="num">
                  Forecast
                </th>
                <th scope="col" className="num">
                  Accuracy
                </th>
                <th scope="col" className="num">
                  Run rate
                </th>
                <th scope="col" className="num">
                  Sales' call
                </th>
                <th scope="col" className="num">
                  Marketing's call
                </th>
                <th scope="col" className="num">
                  Joint call
                </th>
              </tr>
            </thead>
            <tbody>
              {history.points.map((p) => (
                <tr key={p.day}>
                  <th scope="row">{format.dayShort(p.day)}</th>
                  <td className="num">{format.money(p.total)}</td>
                  <Cell value={p.accuracy?.forecast ?? null} format={format} />
                  <Cell value={p.accuracy?.runRate ?? null} format={format} />
                  <Cell value={p.accuracy?.sales ?? null} format={format} />
                  <Cell value={p.accuracy?.marketing ?? null} format={format} />
                  <Cell value={p.accuracy?.joint ?? null} format={format} />
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Final</th>
                <td className="num strong">{format.money(history.final)}</td>
                <td colSpan={5} />
              </tr>
            </tfoot>
          </table>
          <p className="muted small">
            Weeks nobody looked at are replayed from the data as of that day.
          </p>
        </div>
      )}
    </Card>
  );
}
