import { findUserByEmail } from "@tandem/db/queries/members";
import { createTestDatabase, type TestDatabase } from "@tandem/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, createTestApp, signUp } from "../testing/test-app";
import { createLogger } from "./logger";

const SECRETS = [
  "jane.doe@customer.test",
  "correct-horse-battery",
  "tdm_org1_abcdefghijklmnopqrstuvwxyz",
  "dsp_org1_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG",
  "session_token=s3cr3t-cookie",
];

function captured() {
  const lines: string[] = [];
  return { lines, logger: createLogger("debug", (line) => lines.push(line)) };
}

function expectNoSecret(lines: string[]): void {
  const text = lines.join("\n");
  for (const secret of SECRETS) expect(text).not.toContain(secret);
  expect(text).not.toContain("s3cr3t-cookie");
}

describe("logs", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("pglite");
  });
  afterAll(() => database.destroy());

  it("redact secrets and personal data whatever a call site passes", () => {
    const { lines, logger } = captured();
    logger.error("failed for jane.doe@customer.test with tdm_org1_abcdefghijklmnopqrstuvwxyz", {
      headers: { authorization: `Bearer ${SECRETS[2]}`, cookie: SECRETS[4] },
      body: { email: SECRETS[0], password: SECRETS[1], note: `call ${SECRETS[0]}` },
      url: `/tv/${SECRETS[3]}`,
      apiKey: SECRETS[2],
      error: new Error(`Failed query: select 1\nparams: ${SECRETS[0]},${SECRETS[1]}`),
      status: 500,
    });
    expectNoSecret(lines);
    const line = JSON.parse(lines[0] ?? "{}");
    // What helps find the bug stays.
    expect(line.status).toBe(500);
    expect(line.error.message).toBe("Failed query: select 1");
    expect(line.error.stack).toMatch(/^\s+at /);
    expect(line.body.note).toBe("call [email]");
  });

  it("of a failed query keep its statement and code, not its values", async () => {
    const { lines, logger } = captured();
    const { app } = createTestApp(database, { logger });
    // A query the database refuses, with a customer's email among its parameters.
    app.get("/api/boom", async () => {
      await findUserByEmail(database.db, `${SECRETS[0]}\u0000`);
      return new Response("unreachable");
    });
    const caller = await signUp(app, SECRETS[0]);
    const response = await call(app, "GET", "/api/boom", {
      caller,
      headers: { authorization: `Bearer ${SECRETS[2]}`, cookie: `${caller.cookie}; ${SECRETS[4]}` },
    });
    expect(response.status).toBe(500);
    await call(app, "POST", "/api/auth/sign-in/email", {
      body: { email: SECRETS[0], password: SECRETS[1] },
    });
    expectNoSecret(lines);
    expect(lines.join("\n")).not.toContain(caller.cookie.split("=")[1] ?? "?");
    const failure = lines.map((l) => JSON.parse(l)).find((l) => l.message === "unhandled error");
    expect(failure?.error.message).toContain("Failed query: select");
    expect(failure?.error.message).toContain('from "user"');
    expect(lines.some((l) => l.includes('"path":"/api/auth/sign-in/email"'))).toBe(true);
  });
});
