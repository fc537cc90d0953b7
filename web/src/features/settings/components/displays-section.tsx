import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Card } from "../../../components/ui/card";
import {
  EmptyState,
  ErrorState,
  LoadingState,
  ProblemMessage,
} from "../../../components/ui/states";
import { useFormWords } from "../../../components/ui/use-form-words";
import type { Formatters } from "../../../lib/format";
import { goalsQuery } from "../../goals/api/goals";
import { displaysQuery, useCreateDisplay, useRevokeDisplay } from "../api/displays";
import { SecretOnce } from "./secret-once";

export function DisplaysSection({ format }: { format: Formatters }) {
  const displays = useQuery(displaysQuery);
  const goals = useQuery(goalsQuery);
  const create = useCreateDisplay();
  const revoke = useRevokeDisplay();
  const [name, setName] = useState("");
  const [goalId, setGoalId] = useState("");
  const chosenGoal = goalId || goals.data?.[0]?.id || "";

  const words = useFormWords(create.error);
  const submit = () => {
    create.mutate({ name: name.trim(), goalId: chosenGoal }, { onSuccess: () => setName("") });
  };

  return (
    <Card
      id="displays"
      title="Displays"
      description="A read-only, live view of one goal for the all-hands screen, opened by a secret link without signing in. The link is shown once."
    >
      {goals.data && goals.data.length === 0 ? (
        <EmptyState title="No goal to show yet">
          Create the shared goal on the Plan page first.
        </EmptyState>
      ) : (
        <form className="inline-form" {...words.form(submit)} aria-label="Create a display">
          <label>
            Screen name
            <input
              required
              maxLength={100}
              value={name}
              placeholder="Office TV, 3rd floor"
              onChange={(e) => setName(e.target.value)}
              {...words.field("name")}
            />
            {words.error("name")}
          </label>
          <label>
            Goal
            <select
              value={chosenGoal}
              onChange={(e) => setGoalId(e.target.value)}
              {...words.field("goalId")}
            >
              {goals.data?.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
            {words.error("goalId")}
          </label>
          <button
            type="submit"
            className="button primary"
            disabled={create.isPending || !chosenGoal}
          >
            Create display
          </button>
        </form>
      )}
      {words.message()}
      <ProblemMessage error={revoke.error} />
      {create.data && (
        <SecretOnce
          label={`Link for "${create.data.name}"`}
          value={create.data.url}
          note="Open it on the screen. Anyone with the link sees this goal; revoke it to stop."
        />
      )}
      {displays.isPending ? (
        <LoadingState rows={2} />
      ) : displays.isError ? (
        <ErrorState error={displays.error} onRetry={() => displays.refetch()} />
      ) : displays.data.length === 0 ? (
        <EmptyState title="No displays">
          Create one per screen, so each can be revoked alone.
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="data-table" style={{ marginTop: "0.75rem" }}>
            <thead>
              <tr>
                <th scope="col">Screen</th>
                <th scope="col">Goal</th>
                <th scope="col">Created</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {displays.data.map((d) => (
                <tr key={d.id}>
                  <th scope="row">{d.name}</th>
                  <td>{d.goalName}</td>
                  <td className="muted">{format.dateTime(d.createdAt)}</td>
                  <td className="num">
                    <button
                      type="button"
                      className="button small danger"
                      disabled={revoke.isPending}
                      onClick={() => {
                        if (window.confirm(`Revoke "${d.name}"? The screen goes blank at once.`))
                          revoke.mutate(d.id);
                      }}
                    >
                      Revoke
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
