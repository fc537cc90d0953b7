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
import {
  type ChatChannel,
  chatChannelsQuery,
  type NewChatChannel,
  useCreateChatChannel,
  useDeleteChatChannel,
  useTestChatChannel,
} from "../api/notifications";

const kindNames = { slack: "Slack", teams: "Microsoft Teams" } as const;

function receives(channel: ChatChannel): string {
  const parts = [
    channel.reminders && "reminders",
    channel.digest && "digest",
    channel.alerts && "alerts",
  ];
  return parts.filter(Boolean).join(", ") || "nothing";
}

function Health({ channel, format }: { channel: ChatChannel; format: Formatters }) {
  const failedLast =
    channel.lastFailureAt !== null &&
    (channel.lastSuccessAt === null || channel.lastFailureAt > channel.lastSuccessAt);
  if (failedLast) {
    return (
      <span className="error-text">
        Failed {format.ago(channel.lastFailureAt ?? "")}: {channel.lastError}
      </span>
    );
  }
  if (channel.lastSuccessAt)
    return <span className="muted">Posted {format.ago(channel.lastSuccessAt)}</span>;
  return <span className="muted">Nothing posted yet</span>;
}

const emptyForm: NewChatChannel = {
  kind: "slack",
  name: "",
  url: "",
  reminders: true,
  digest: true,
  alerts: true,
};

/** Owners connect Slack and Teams incoming webhooks; the URL is never shown again. */
export function ChatChannelsSection({ format }: { format: Formatters }) {
  const channels = useQuery(chatChannelsQuery);
  const create = useCreateChatChannel();
  const test = useTestChatChannel();
  const remove = useDeleteChatChannel();
  const [form, setForm] = useState<NewChatChannel>(emptyForm);

  const words = useFormWords(create.error);
  const submit = () => {
    create.mutate(
      { ...form, name: form.name.trim(), url: form.url.trim() },
      { onSuccess: () => setForm(emptyForm) },
    );
  };
  const flag = (key: "reminders" | "digest" | "alerts", label: string) => (
    <label className="checkbox">
      <input
        type="checkbox"
        checked={form[key] ?? true}
        onChange={(e) => setForm({ ...form, [key]: e.target.checked })}
      />
      {label}
    </label>
  );

  return (
    <Card
      id="chat"
      title="Slack and Teams"
      description="Post reminders, the Monday digest and alerts to a channel through its incoming webhook. A failed post is tried again after 1, 2, 4 and 8 minutes."
    >
      <form className="form-stack" {...words.form(submit)} aria-label="Add a chat channel">
        <div className="form-row">
          <label>
            Service
            <select
              value={form.kind}
              onChange={(e) =>
                setForm({ ...form, kind: e.target.value === "teams" ? "teams" : "slack" })
              }
              {...words.field("kind")}
            >
              <option value="slack">Slack</option>
              <option value="teams">Microsoft Teams</option>
            </select>
            {words.error("kind")}
          </label>
          <label>
            Channel name
            <input
              required
              maxLength={100}
              value={form.name}
              placeholder="#revenue"
              onChange={(e) => setForm({ ...form, name: e.target.value })}
              {...words.field("name")}
            />
            {words.error("name")}
          </label>
        </div>
        <label>
          Webhook URL
          <input
            required
            type="url"
            inputMode="url"
            autoComplete="off"
            value={form.url}
            placeholder={
              form.kind === "slack"
                ? "https://hooks.slack.com/services/…"
                : "https://…webhook.office.com/…"
            }
            onChange={(e) => setForm({ ...form, url: e.target.value })}
            {...words.field("url", { describedBy: "chat-url-hint" })}
          />
          {words.error("url")}
          <span id="chat-url-hint" className="muted small">
            Stored encrypted; only its start and last characters are shown after this.
          </span>
        </label>
        <fieldset className="form-row plain-fieldset">
          <legend className="visually-hidden">What the channel gets</legend>
          {flag("reminders", "Reminders")}
          {flag("digest", "Monday digest")}
          {flag("alerts", "Alerts")}
        </fieldset>
        <div>
          <button type="submit" className="button primary" disabled={create.isPending}>
            Add channel
          </button>
        </div>
      </form>
      {words.message()}
      <ProblemMessage error={remove.error ?? test.error} />
      {test.data && (
        <p role="status" className={test.data.ok ? "muted small" : "error-text"}>
          {test.data.ok ? "Test message posted." : `The test failed: ${test.data.error}`}
        </p>
      )}
      {channels.isPending ? (
        <LoadingState rows={2} />
      ) : channels.isError ? (
        <ErrorState error={channels.error} onRetry={() => channels.refetch()} />
      ) : channels.data.length === 0 ? (
        <EmptyState title="No chat channels">
          Add a Slack or Teams incoming webhook so both teams see reminders and the digest where
          they already talk.
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="data-table" style={{ marginTop: "0.75rem" }}>
            <thead>
              <tr>
                <th scope="col">Channel</th>
                <th scope="col">Webhook</th>
                <th scope="col">Gets</th>
                <th scope="col">Last post</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {channels.data.map((channel) => (
                <tr key={channel.id}>
                  <th scope="row">
                    {channel.name}
                    <div className="muted small">{kindNames[channel.kind]}</div>
                  </th>
                  <td>
                    <code>{channel.urlMask}</code>
                  </td>
                  <td>{receives(channel)}</td>
                  <td>
                    <Health channel={channel} format={format} />
                    {channel.recent.some((r) => r.status === "failed") && (
                      <div className="error-text small">
                        {channel.recent.filter((r) => r.status === "failed").length} recent
                        message(s) gave up after 5 tries
                      </div>
                    )}
                  </td>
                  <td className="num">
                    <button
                      type="button"
                      className="button small"
                      disabled={test.isPending}
                      onClick={() => test.mutate(channel.id)}
                    >
                      Test
                    </button>{" "}
                    <button
                      type="button"
                      className="button small danger"
                      disabled={remove.isPending}
                      onClick={() => {
                        if (
                          window.confirm(`Remove "${channel.name}"? Nothing more is posted there.`)
                        )
                          remove.mutate(channel.id);
                      }}
                    >
                      Remove
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
