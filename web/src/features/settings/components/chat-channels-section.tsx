import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Card } from "../../../components/ui/card";
import { FieldError } from "../../../components/ui/field-error";
import {
  EmptyState,
  ErrorState,
  LoadingState,
  ProblemMessage,
} from "../../../components/ui/states";
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

  const submit = (event: FormEvent) => {
    event.preventDefault();
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
      <form className="form-stack" onSubmit={submit} aria-label="Add a chat channel" noValidate>
        <div className="form-row">
          <label>
            Service
            <select
              value={form.kind}
              onChange={(e) =>
                setForm({ ...form, kind: e.target.value === "teams" ? "teams" : "slack" })
              }
            >
              <option value="slack">Slack</option>
              <option value="teams">Microsoft Teams</option>
            </select>
          </label>
          <label>
            Channel name
            <input
              required
              maxLength={100}
              value={form.name}
              placeholder="#revenue"
              aria-invalid={Boolean(create.error) && form.name.trim() === ""}
              aria-describedby="chat-name-error"
              onChange={(e) => setForm({ ...form, name: e.target.value })}
            />
            <FieldError error={create.error} path="name" id="chat-name-error" />
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
            aria-describedby="chat-url-error chat-url-hint"
            onChange={(e) => setForm({ ...form, url: e.target.value })}
          />
          <FieldError error={create.error} path="url" id="chat-url-error" />
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
      <ProblemMessage error={create.error ?? remove.error ?? test.error} placed={["name", "url"]} />
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
