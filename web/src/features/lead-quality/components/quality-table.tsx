import type { Formatters } from "../../../lib/format";
import { humanize } from "../../../lib/words";
import { type LeadQualityRow, reasonLabels, rejectionReasons } from "../api/lead-quality";

function topReason(row: LeadQualityRow): string {
  const counts = [...rejectionReasons, "unspecified" as const].map((key) => ({
    label: reasonLabels[key],
    count: row.feedback.reasons[key],
  }));
  const top = counts.filter((c) => c.count > 0).sort((a, b) => b.count - a.count)[0];
  return top ? `${top.label} (${top.count})` : "—";
}

function hours(value: number | null, format: Formatters): string {
  if (value === null) return "—";
  if (value < 1) return `${Math.round(value * 60)} min`;
  return `${new Intl.NumberFormat(format.locale, { maximumFractionDigits: 1 }).format(value)} h`;
}

function RowCells({ row, format }: { row: LeadQualityRow; format: Formatters }) {
  const rate = (v: number | null) => (v === null ? "—" : format.percent(v));
  const slow = row.speedToLead.medianHours !== null && row.speedToLead.medianHours > 24;
  return (
    <>
      <td className="num">{format.count(row.leads)}</td>
      <td className="num">{rate(row.rates.leadToMql)}</td>
      <td className="num">{rate(row.rates.mqlToSql)}</td>
      <td className="num">{rate(row.rates.sqlToWon)}</td>
      <td className="num strong">{rate(row.rates.leadToWon)}</td>
      <td className="num">{format.money(row.revenue)}</td>
      <td className="num">
        {rate(row.feedback.acceptanceRate)}
        <span className="muted small block">
          {row.feedback.accepted} ✓ · {row.feedback.rejected} ✗ · {row.feedback.awaiting} waiting
        </span>
      </td>
      <td>{topReason(row)}</td>
      <td className={`num ${slow ? "negative" : ""}`}>
        {hours(row.speedToLead.medianHours, format)}
        <span className="muted small block">
          {row.speedToLead.within24hShare === null
            ? "no MQLs"
            : `${format.percent(row.speedToLead.within24hShare, 0)} within 24 h`}
        </span>
      </td>
    </>
  );
}

export function QualityTable({
  rows,
  total,
  byCampaign,
  format,
}: {
  rows: LeadQualityRow[];
  total: LeadQualityRow;
  byCampaign: boolean;
  format: Formatters;
}) {
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">
          Lead quality by {byCampaign ? "source and campaign" : "source"}
        </caption>
        <thead>
          <tr>
            <th scope="col">{byCampaign ? "Source · campaign" : "Source"}</th>
            <th scope="col" className="num">
              Leads
            </th>
            <th scope="col" className="num">
              Lead→MQL
            </th>
            <th scope="col" className="num">
              MQL→SQL
            </th>
            <th scope="col" className="num">
              SQL→won
            </th>
            <th scope="col" className="num">
              Lead→won
            </th>
            <th scope="col" className="num">
              Won revenue
            </th>
            <th scope="col" className="num">
              Accepted by sales
            </th>
            <th scope="col">Top rejection reason</th>
            <th scope="col" className="num">
              Speed to lead
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.source ?? ""}|${row.campaign ?? ""}`}>
              <th scope="row">
                {humanize(row.source ?? "")}
                {byCampaign && (
                  <span className="muted small block">
                    {row.campaign ? row.campaign : "no campaign"}
                  </span>
                )}
              </th>
              <RowCells row={row} format={format} />
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">All sources</th>
            <RowCells row={total} format={format} />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
