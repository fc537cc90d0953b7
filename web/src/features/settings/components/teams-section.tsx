import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Card } from "../../../components/ui/card";
import { EmptyState, ErrorState, LoadingState } from "../../../components/ui/states";
import { TeamBadge } from "../../../components/ui/team-badge";
import { useFormWords } from "../../../components/ui/use-form-words";
import type { Formatters } from "../../../lib/format";
import { type TeamFunction, teamFunctionLabels, teamsQuery, useCreateTeam } from "../api/teams";

const functions: TeamFunction[] = ["marketing", "sales", "customer_success", "other"];

function isFunction(value: string): value is TeamFunction {
  return functions.some((f) => f === value);
}

export function TeamsSection({ canManage, format }: { canManage: boolean; format: Formatters }) {
  const teams = useQuery(teamsQuery);
  const create = useCreateTeam();
  const [name, setName] = useState("");
  const [fn, setFn] = useState<TeamFunction>("marketing");

  const words = useFormWords(create.error);
  const submit = () => {
    create.mutate({ name: name.trim(), function: fn }, { onSuccess: () => setName("") });
  };

  return (
    <Card
      id="teams"
      title="Teams"
      description="Each team owns key results under the shared goal. Marketing shows in teal, sales in indigo."
    >
      {canManage && (
        <form className="inline-form" {...words.form(submit)} aria-label="Add a team">
          <label>
            Team name
            <input
              required
              maxLength={80}
              value={name}
              onChange={(e) => setName(e.target.value)}
              {...words.field("name")}
            />
            {words.error("name")}
          </label>
          <label>
            Function
            <select
              value={fn}
              onChange={(e) => isFunction(e.target.value) && setFn(e.target.value)}
              {...words.field("function")}
            >
              {functions.map((f) => (
                <option key={f} value={f}>
                  {teamFunctionLabels[f]}
                </option>
              ))}
            </select>
            {words.error("function")}
          </label>
          <button type="submit" className="button primary" disabled={create.isPending}>
            Add team
          </button>
        </form>
      )}
      {words.message()}
      {teams.isPending ? (
        <LoadingState rows={2} />
      ) : teams.isError ? (
        <ErrorState error={teams.error} onRetry={() => teams.refetch()} />
      ) : teams.data.length === 0 ? (
        <EmptyState title="No teams yet">
          {canManage
            ? "Add marketing and sales first: the gap bridge names them as the owners of each lever."
            : "An owner adds the teams."}
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Team</th>
                <th scope="col">Function</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {teams.data.map((team) => (
                <tr key={team.id}>
                  <th scope="row">
                    <TeamBadge team={team} />
                  </th>
                  <td>{teamFunctionLabels[team.function]}</td>
                  <td className="muted">{format.dateTime(team.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
