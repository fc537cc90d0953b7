// Test support for the ingest, API key, import and feedback suites.

import { type Caller, call, readAs, TEST_ORIGIN, type TestApp } from "../../testing/test-app";
import { createdApiKeySchema } from "../api-keys/api-keys.routes";
import { ingestResultSchema } from "./ingest.schemas";

export async function createKey(app: TestApp, owner: Caller, name = "CRM sync") {
  const response = await call(app, "POST", "/api/v1/api-keys", { caller: owner, body: { name } });
  if (response.status !== 201)
    throw new Error(`create key failed: ${response.status} ${await response.text()}`);
  return readAs(response, createdApiKeySchema);
}

/** A request as a system sends it: a bearer token, no cookie, no Origin. */
export function ingest(
  app: TestApp,
  token: string,
  kind: string,
  body: unknown,
  options: { query?: string; contentType?: string } = {},
): Promise<Response> {
  const isText = typeof body === "string";
  return Promise.resolve(
    app.request(`${TEST_ORIGIN}/api/v1/ingest/${kind}${options.query ? `?${options.query}` : ""}`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": options.contentType ?? (isText ? "text/csv" : "application/json"),
      },
      body: isText ? body : JSON.stringify(body),
    }),
  );
}

export async function ingestOk(
  app: TestApp,
  token: string,
  kind: string,
  body: unknown,
  query?: string,
) {
  const response = await ingest(app, token, kind, body, { query });
  if (response.status !== 200)
    throw new Error(`ingest failed: ${response.status} ${await response.text()}`);
  return readAs(response, ingestResultSchema);
}
