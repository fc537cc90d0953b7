import { teamTone } from "../../../components/ui/team-badge";
import type { Formatters } from "../../../lib/format";
import { formatKeyResultValue } from "../../goals/components/key-result-value";
import type { LiveSummary, RecentWin } from "../api/live-summary";
import { useNow } from "../hooks/use-now";
import { bothTeams, channelWords, latestPerKeyResult, valueOfTarget } from "./tv-words";

const MAX_WINS = 5;

/** The marketing half of a win's credit: the first touch, else at least the lead's source. */
function marketingCredit(win: RecentWin): string {
  if (win.firstTouch) {
    const campaign = win.firstTouch.campaign ? ` · ${win.firstTouch.campaign}` : "";
    return `First touch: ${channelWords(win.firstTouch.channel)}${campaign}`;
  }
  return win.leadSource
    ? `Lead from ${channelWords(win.leadSource)}`
    : "No marketing touch recorded";
}
const MAX_CHECK_INS = 5;

/** Panel 3: wins credited to both teams, and what each team said in its latest check-ins. */
export function WinsPanel({ summary, format }: { summary: LiveSummary; format: Formatters }) {
  const now = new Date(useNow(15_000));
  const keyResults = new Map(summary.keyResults.map((k) => [k.id, k]));
  const wins = summary.recentWins.slice(0, MAX_WINS);
  // One card per key result: its latest check-in says where it stands.
  const checkIns = bothTeams(latestPerKeyResult(summary.checkIns), MAX_CHECK_INS);
  const valueWords = (value: number, keyResultId: string) => {
    const kr = keyResults.get(keyResultId);
    if (!kr) return formatKeyResultValue(value, "count", format);
    return valueOfTarget(
      formatKeyResultValue(value, kr.unit, format),
      formatKeyResultValue(kr.target, kr.unit, format),
      kr,
    );
  };
  return (
    <section className="tv-panel tv-wins" aria-label="Wins and check-ins">
      <div className="tv-column">
        <h2 className="tv-heading">Recent wins</h2>
        {wins.length === 0 ? (
          <p className="tv-empty">No deals won yet this period.</p>
        ) : (
          <ol className="tv-list">
            {wins.map((win) => (
              <li className="tv-win" key={win.dealId}>
                <div className="tv-win-head">
                  <div className="tv-win-amount">
                    {win.amount >= 1_000_000
                      ? format.moneyCompact(win.amount)
                      : format.money(win.amount)}
                  </div>
                  {win.closedAt && (
                    <time className="tv-when" dateTime={win.closedAt}>
                      {format.ago(win.closedAt, now)}
                    </time>
                  )}
                </div>
                <div className="tv-win-credit">
                  <span className="tv-credit tv-credit-sales">
                    <span className="tv-dot" aria-hidden="true" />
                    <span className="tv-credit-text">
                      Closed by {win.owner ?? "the sales team"}
                    </span>
                  </span>
                  <span className="tv-credit tv-credit-marketing">
                    <span className="tv-dot" aria-hidden="true" />
                    <span className="tv-credit-text">{marketingCredit(win)}</span>
                  </span>
                </div>
              </li>
            ))}
          </ol>
        )}
      </div>
      <div className="tv-column">
        <h2 className="tv-heading">Check-ins from both teams</h2>
        {checkIns.length === 0 ? (
          <p className="tv-empty">No check-ins yet.</p>
        ) : (
          <ol className="tv-list">
            {checkIns.map((item) => (
              <li className="tv-check-in" key={item.id}>
                <div className="tv-check-in-head">
                  <span className={`tv-team tv-team-${teamTone(item.team.function)}`}>
                    {item.team.name}
                  </span>
                  <span className="tv-check-in-title">{item.keyResultTitle}</span>
                  {item.value !== null && (
                    <span className="tv-check-in-value">
                      {valueWords(item.value, item.keyResultId)}
                    </span>
                  )}
                </div>
                {item.note && <p className="tv-check-in-note">“{item.note}”</p>}
                <div className="tv-check-in-meta">
                  {item.author.name} · confidence {item.confidence}/10 ·{" "}
                  <time dateTime={item.createdAt}>{format.ago(item.createdAt, now)}</time>
                </div>
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
