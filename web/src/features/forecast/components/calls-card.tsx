import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useOrg } from "../../../app/org-context";
import { Card } from "../../../components/ui/card";
import { EmptyState, ErrorState, LoadingState } from "../../../components/ui/states";
import { TeamBadge } from "../../../components/ui/team-badge";
import { useFormWords } from "../../../components/ui/use-form-words";
import { isProblem } from "../../../lib/api-client";
import type { Formatters } from "../../../lib/format";
import { hasRole } from "../../organization/api/organization";
import {
  type CallingTeam,
  type Calls,
  callsQuery,
  type Forecast,
  useCreateCall,
} from "../api/forecast";

const partWords = {
  sales: "booked + open pipeline",
  marketing: "leads in hand + leads to come",
} as const;

/** The teams' weekly calls beside the system's parts, and the form to make this week's. */
export function CallsCard({
  goalId,
  forecast,
  closed,
  format,
}: {
  goalId: string;
  forecast: Forecast | undefined;
  closed: boolean;
  format: Formatters;
}) {
  const { me } = useOrg();
  const calls = useQuery(callsQuery(goalId));
  const mine = calls.data?.teams.filter(
    (t) => hasRole(me.role, "exec") || (me.role === "lead" && me.team?.id === t.teamId),
  );
  return (
    <Card
      title="The teams' calls"
      description="Each week the sales and marketing leads call their part: commit and best case"
      span={12}
    >
      {calls.isPending ? (
        <LoadingState label="Loading the calls…" rows={3} />
      ) : calls.isError ? (
        <ErrorState error={calls.error} onRetry={() => calls.refetch()} />
      ) : calls.data.teams.length === 0 ? (
        <EmptyState title="No sales or marketing team yet">
          Calls are made by the sales and marketing teams: add them in Settings, Teams.
        </EmptyState>
      ) : (
        <>
          <CallsTable calls={calls.data} forecast={forecast} format={format} />
          {!closed && mine && mine.length > 0 && (
            <CallForm
              goalId={goalId}
              teams={mine}
              format={format}
              onReload={() => calls.refetch()}
              reloading={calls.isFetching}
            />
          )}
          {closed && <p className="muted">The period is over: its calls are closed.</p>}
        </>
      )}
    </Card>
  );
}

function CallsTable({
  calls,
  forecast,
  format,
}: {
  calls: Calls;
  forecast: Forecast | undefined;
  format: Formatters;
}) {
  const system = forecast && {
    sales: forecast.booked + forecast.pipeline.expected,
    marketing: forecast.leadsInHand.expected + forecast.leadsToCome.expected,
  };
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">
          Each team's latest call beside the system forecast
        </caption>
        <thead>
          <tr>
            <th scope="col">Team</th>
            <th scope="col" className="num">
              Commit
            </th>
            <th scope="col" className="num">
              Best case
            </th>
            <th scope="col" className="num">
              System forecast
            </th>
            <th scope="col">Called</th>
          </tr>
        </thead>
        <tbody>
          {calls.teams.map((team) => (
            <tr key={team.teamId}>
              <th scope="row">
                <TeamBadge team={{ name: team.teamName, function: team.part }} />
                <span className="muted small block">{partWords[team.part]}</span>
              </th>
              <td className="num">{team.current ? format.money(team.current.commit) : "—"}</td>
              <td className="num">{team.current ? format.money(team.current.bestCase) : "—"}</td>
              <td className="num">{system ? format.money(system[team.part]) : "—"}</td>
              <td>
                {team.current ? (
                  <>
                    {format.ago(team.current.createdAt)}
                    {team.current.authorName && ` by ${team.current.authorName}`}
                    {team.current.note && (
                      <span className="muted small block">“{team.current.note}”</span>
                    )}
                  </>
                ) : (
                  <span className="muted">no call yet</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">
              Joint call
              {calls.joint && !calls.joint.complete && (
                <span className="muted small block">one team has not called yet</span>
              )}
            </th>
            <td className="num strong">{calls.joint ? format.money(calls.joint.commit) : "—"}</td>
            <td className="num strong">{calls.joint ? format.money(calls.joint.bestCase) : "—"}</td>
            <td className="num strong">{forecast ? format.money(forecast.total) : "—"}</td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** An amount as people type it: digits, thousands commas, a decimal point. */
const amountPattern = "[0-9][0-9,]*([.][0-9]+)?";
const amount = (typed: string) => Number(typed.replaceAll(",", "").trim());

function CallForm({
  goalId,
  teams,
  format,
  onReload,
  reloading,
}: {
  goalId: string;
  teams: CallingTeam[];
  format: Formatters;
  onReload: () => void;
  reloading: boolean;
}) {
  const [teamId, setTeamId] = useState(teams[0]?.teamId ?? "");
  const team = teams.find((t) => t.teamId === teamId) ?? teams[0];
  const [commit, setCommit] = useState("");
  const [bestCase, setBestCase] = useState("");
  const [note, setNote] = useState("");
  const create = useCreateCall(goalId);
  const stale = isProblem(create.error, "precondition_failed");
  const words = useFormWords(stale ? null : create.error);
  const submit = () => {
    if (!team) return;
    create.mutate(
      {
        team,
        body: {
          teamId: team.teamId,
          commit: amount(commit),
          bestCase: amount(bestCase),
          note: note.trim(),
        },
      },
      { onSuccess: () => setNote("") },
    );
  };
  return (
    <form className="calls-form" {...words.form(submit)} aria-label="Make this week's call">
      {teams.length > 1 ? (
        <label>
          Team
          <select
            value={teamId}
            onChange={(e) => setTeamId(e.target.value)}
            {...words.field("teamId")}
          >
            {teams.map((t) => (
              // "Marketing (marketing)" would say it twice, and not fit the field.
              <option key={t.teamId} value={t.teamId}>
                {t.teamName.toLowerCase() === t.part ? t.teamName : `${t.teamName} (${t.part})`}
              </option>
            ))}
          </select>
          {words.error("teamId")}
        </label>
      ) : (
        <p className="field-note">
          Calling for <strong>{team?.teamName}</strong>: {team ? partWords[team.part] : ""}.
        </p>
      )}
      <label>
        Commit ({format.currency})
        <input
          inputMode="decimal"
          required
          value={commit}
          pattern={amountPattern}
          data-pattern-words="must be an amount, like 250,000"
          onChange={(e) => setCommit(e.target.value)}
          {...words.field("commit")}
        />
        {words.error("commit")}
      </label>
      <label>
        Best case ({format.currency})
        <input
          inputMode="decimal"
          required
          value={bestCase}
          pattern={amountPattern}
          data-pattern-words="must be an amount, like 400,000"
          onChange={(e) => setBestCase(e.target.value)}
          {...words.field("bestCase")}
        />
        {words.error("bestCase")}
      </label>
      <label className="field-note">
        Note
        <textarea
          maxLength={2000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder="What the call rests on: the deals, the campaigns, the risks"
          {...words.field("note")}
        />
        {words.error("note")}
      </label>
      <div className="field-note">
        {stale ? (
          <div className="notice" role="alert">
            <p>
              <strong>Not saved: {team?.teamName} made a call since you opened this page.</strong>{" "}
              Reload to see it; what you entered stays here.
            </p>
            <button
              type="button"
              className="button small"
              disabled={reloading}
              onClick={() => {
                create.reset();
                onReload();
              }}
            >
              {reloading ? "Reloading…" : "Reload"}
            </button>
          </div>
        ) : (
          words.message()
        )}
        {create.isSuccess && !create.isPending && (
          <p className="form-success" role="status">
            Called. The joint call includes it now.
          </p>
        )}
        <button type="submit" className="button primary" disabled={create.isPending}>
          {create.isPending ? "Saving…" : "Make the call"}
        </button>
      </div>
    </form>
  );
}
