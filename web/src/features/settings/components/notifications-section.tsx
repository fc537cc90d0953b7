import { useQuery } from "@tanstack/react-query";
import { Card } from "../../../components/ui/card";
import { ErrorState, LoadingState, ProblemMessage } from "../../../components/ui/states";
import { type Preferences, preferencesQuery, useUpdatePreferences } from "../api/notifications";

const choices: Array<{ key: keyof Preferences; label: string; hint: string }> = [
  {
    key: "reminders",
    label: "Check-in reminders",
    hint: "When a key result of your team is due for a check-in (at most one email a day), and, for executives, when one goes unanswered after two.",
  },
  {
    key: "digest",
    label: "The Monday digest",
    hint: "Monday 8:00: the one number, pace, forecast, the lever that moved most, both teams' check-ins.",
  },
  {
    key: "alerts",
    label: "Alerts",
    hint: "For executives and owners: the goal's status changes, a big win, a key result hit.",
  },
];

/** Each person's own choice of what arrives by email; everything is on until muted. */
export function NotificationsSection() {
  const preferences = useQuery(preferencesQuery);
  const update = useUpdatePreferences();
  return (
    <Card
      id="notifications"
      title="Your email notifications"
      description="What Tandem emails you in this organization. Chat channels are set up by owners below."
    >
      {preferences.isPending ? (
        <LoadingState rows={2} />
      ) : preferences.isError ? (
        <ErrorState error={preferences.error} onRetry={() => preferences.refetch()} />
      ) : (
        <fieldset className="form-stack tight plain-fieldset">
          <legend className="visually-hidden">Email notifications</legend>
          {choices.map((choice) => (
            <div key={choice.key}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={preferences.data[choice.key]}
                  aria-describedby={`notify-${choice.key}-hint`}
                  onChange={(e) => update.mutate({ [choice.key]: e.target.checked })}
                />
                {choice.label}
              </label>
              <p id={`notify-${choice.key}-hint`} className="muted small">
                {choice.hint}
              </p>
            </div>
          ))}
        </fieldset>
      )}
      <ProblemMessage error={update.error} />
    </Card>
  );
}
