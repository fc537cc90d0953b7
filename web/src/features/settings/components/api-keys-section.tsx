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
import { apiKeysQuery, useCreateApiKey, useRevokeApiKey } from "../api/api-keys";
import { SecretOnce } from "./secret-once";

export function ApiKeysSection({ format }: { format: Formatters }) {
  const keys = useQuery(apiKeysQuery);
  const create = useCreateApiKey();
  const revoke = useRevokeApiKey();
  const [name, setName] = useState("");

  const words = useFormWords(create.error);
  const submit = () => {
    create.mutate(name.trim(), { onSuccess: () => setName("") });
  };

  return (
    <Card
      id="api-keys"
      title="API keys"
      description="For your CRM or marketing tool to send leads, deals and touchpoints to /api/v1/ingest. A key is shown once, when it is created."
    >
      <form className="inline-form" {...words.form(submit)} aria-label="Create an API key">
        <label>
          Key name
          <input
            required
            maxLength={100}
            value={name}
            placeholder="HubSpot sync"
            onChange={(e) => setName(e.target.value)}
            {...words.field("name")}
          />
          {words.error("name")}
        </label>
        <button type="submit" className="button primary" disabled={create.isPending}>
          Create key
        </button>
      </form>
      {words.message()}
      <ProblemMessage error={revoke.error} />
      {create.data && (
        <SecretOnce
          label={`Key "${create.data.name}"`}
          value={create.data.token}
          note="Copy it now: it is stored only as a hash and will not be shown again."
        />
      )}
      {keys.isPending ? (
        <LoadingState rows={2} />
      ) : keys.isError ? (
        <ErrorState error={keys.error} onRetry={() => keys.refetch()} />
      ) : keys.data.length === 0 ? (
        <EmptyState title="No API keys">
          Create one for each system that sends data, so each can be revoked alone.
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="data-table" style={{ marginTop: "0.75rem" }}>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key starts with</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.data.map((key) => (
                <tr key={key.id}>
                  <th scope="row">{key.name}</th>
                  <td>
                    <code>{key.prefix}…</code>
                  </td>
                  <td className="muted">{format.dateTime(key.createdAt)}</td>
                  <td className="muted">{key.lastUsedAt ? format.ago(key.lastUsedAt) : "never"}</td>
                  <td className="num">
                    {key.revokedAt ? (
                      <span className="muted">Revoked {format.ago(key.revokedAt)}</span>
                    ) : (
                      <button
                        type="button"
                        className="button small danger"
                        disabled={revoke.isPending}
                        onClick={() => {
                          if (
                            window.confirm(`Revoke "${key.name}"? Systems using it stop at once.`)
                          )
                            revoke.mutate(key.id);
                        }}
                      >
                        Revoke
                      </button>
                    )}
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
