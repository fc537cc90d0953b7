import { Card } from "../../../components/ui/card";
import { EmptyState } from "../../../components/ui/states";
import { TeamBadge } from "../../../components/ui/team-badge";
import type { Formatters } from "../../../lib/format";
import { formatKeyResultValue, type KeyResultUnit } from "../../goals/components/key-result-value";
import type { CheckInView } from "../api/summary";

export function CheckInFeed({
  checkIns,
  format,
  span = 6,
  title = "Check-ins from both teams",
  units,
}: {
  checkIns: CheckInView[];
  /** Each key result's unit, so values read as 28% or 12 h rather than bare numbers. */
  units?: ReadonlyMap<string, KeyResultUnit>;
  format: Formatters;
  span?: 6 | 12;
  title?: string;
}) {
  return (
    <Card span={span} title={title} description="Newest first: value, confidence and the note.">
      {checkIns.length === 0 ? (
        <EmptyState title="No check-ins yet">
          Team leads check in on their key results from the Check-ins page.
        </EmptyState>
      ) : (
        <ol
          className="feed"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scroll container must be focusable
          tabIndex={0}
          aria-label="Check-in feed"
        >
          {checkIns.map((item) => (
            <li key={item.id} className="feed-item">
              <div className="feed-meta">
                <TeamBadge team={item.team} />
                <span className="feed-author">{item.author.name}</span>
                <time
                  className="muted small"
                  dateTime={item.createdAt}
                  title={format.dateTime(item.createdAt)}
                >
                  {format.ago(item.createdAt)}
                </time>
              </div>
              <p className="feed-title">
                {item.keyResultTitle}
                <span className="muted small">
                  {" "}
                  · confidence {item.confidence}/10
                  {item.value !== null
                    ? ` · value ${formatKeyResultValue(item.value, units?.get(item.keyResultId) ?? "count", format)}`
                    : ""}
                </span>
              </p>
              {item.note && <p className="feed-note">{item.note}</p>}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
