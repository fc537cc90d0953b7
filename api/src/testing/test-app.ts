import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "@hono/zod-openapi";
import type { Database } from "@tandem/db";
import { createApp } from "../app";
import type { AddressConfig } from "../lib/addresses";
import { createAuth, type OidcOptions } from "../lib/auth";
import type { Logger } from "../lib/logger";
import { createMailer, type Mailer } from "../lib/mail/mailer";
import { problemSchema } from "../lib/schemas";
import { chatUrlBox } from "../notify/chat/chat-url";
import { goalSchema } from "../routes/goals/goals.routes";
import { invitationSchema } from "../routes/members/members.routes";
import { organizationSchema } from "../routes/organizations/organizations.routes";
import { testPasswordHashing } from "./test-password";

const inviteAnswerSchema = z.object({
  kind: z.literal("invitation"),
  invitation: invitationSchema,
});

export const TEST_ORIGIN = "http://localhost";

export const TEST_AUTH_SECRET = "test-secret-test-secret-test-secret-0123";

/** A mailer of the test's own: an outbox in a fresh folder, or the SMTP server given. */
export function createTestMailer(smtpUrl?: string): Mailer {
  return createMailer({
    smtpUrl,
    from: "Tandem <tandem@example.test>",
    outboxDir: join(mkdtempSync(join(tmpdir(), "tandem-outbox-")), "outbox"),
  });
}

/** The real app on a test database; requests go through `app.request` (no sockets). */
export function createTestApp(
  database: Database,
  options: {
    webDist?: string;
    logger?: Logger;
    addresses?: AddressConfig;
    mailer?: Mailer;
    oidc?: OidcOptions;
  } = {},
) {
  const { oidc, ...appOptions } = options;
  const mailer = options.mailer ?? createTestMailer();
  const auth = createAuth({
    oidc,
    database,
    secret: TEST_AUTH_SECRET,
    baseURL: TEST_ORIGIN,
    signInPerMinute: 10_000,
    mailer,
    passwordHashing: testPasswordHashing,
  });
  const secretBox = chatUrlBox(TEST_AUTH_SECRET);
  const app = createApp({ database, auth, ...appOptions, mailer, secretBox, oidc });
  return { app, auth, mailer, secretBox };
}

export type TestApp = ReturnType<typeof createTestApp>["app"];

export interface Caller {
  cookie: string;
  userId: string;
  email: string;
}

/** A request as a browser on our own origin would send it. */
export function call(
  app: TestApp,
  method: string,
  path: string,
  options: { caller?: Caller; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = { origin: TEST_ORIGIN, ...options.headers };
  if (options.caller) headers.cookie = options.caller.cookie;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  return Promise.resolve(
    app.request(`${TEST_ORIGIN}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    }),
  );
}

/** Uploads a CSV file (or a multipart form) to the import route, as the Settings screen does. */
export function uploadCsv(
  app: TestApp,
  caller: Caller,
  kind: string,
  body: string | Uint8Array<ArrayBuffer> | FormData,
  query = "",
): Promise<Response> {
  const headers: Record<string, string> = { origin: TEST_ORIGIN, cookie: caller.cookie };
  if (!(body instanceof FormData)) headers["content-type"] = "text/csv";
  return Promise.resolve(
    app.request(`${TEST_ORIGIN}/api/v1/imports/${kind}${query ? `?${query}` : ""}`, {
      method: "POST",
      headers,
      body,
    }),
  );
}

function sessionCookie(response: Response): string {
  const cookies = response.headers.getSetCookie().map((c) => c.split(";")[0] ?? "");
  const cookie = cookies.filter((c) => c.includes("session_token")).join("; ");
  if (!cookie) throw new Error(`no session cookie (status ${response.status})`);
  return cookie;
}

/** The caller an auth answer signs in; its user id is "" when the answer names none (two-factor). */
async function callerOf(response: Response, email: string, step: string): Promise<Caller> {
  if (response.status !== 200)
    throw new Error(`${step} failed: ${response.status} ${await response.text()}`);
  const body: unknown = await response.json();
  const userId =
    typeof body === "object" &&
    body !== null &&
    "user" in body &&
    typeof body.user === "object" &&
    body.user !== null &&
    "id" in body.user
      ? String(body.user.id)
      : "";
  return { cookie: sessionCookie(response), userId, email };
}

let counter = 0;

export async function signUp(
  app: TestApp,
  email = `user${++counter}-${Date.now()}@example.test`,
  headers: Record<string, string> = {},
): Promise<Caller> {
  const response = await call(app, "POST", "/api/auth/sign-up/email", {
    body: { email, password: "correct-horse-battery", name: email.split("@")[0] },
    headers,
  });
  return callerOf(response, email, "sign-up");
}

export async function signIn(app: TestApp, email: string, password: string): Promise<Caller> {
  const response = await call(app, "POST", "/api/auth/sign-in/email", {
    body: { email, password },
  });
  return callerOf(response, email, "sign-in");
}

/** A signed-up owner of a new organization, made active. */
export async function createOwner(
  app: TestApp,
  org: { name?: string; currency?: string; timezone?: string } = {},
): Promise<Caller & { orgId: string }> {
  return newOrganization(app, await signUp(app), org);
}

/**
 * A new organization owned by an existing user, made their active one: much cheaper than
 * signing up a new owner, so suites can give each test its own tenant.
 */
export async function newOrganization(
  app: TestApp,
  caller: Caller,
  org: { name?: string; currency?: string; timezone?: string } = {},
): Promise<Caller & { orgId: string }> {
  const response = await call(app, "POST", "/api/v1/organizations", {
    caller,
    body: {
      name: org.name ?? "Test Co",
      currency: org.currency ?? "USD",
      timezone: org.timezone ?? "UTC",
    },
  });
  if (response.status !== 201)
    throw new Error(`create org failed: ${response.status} ${await response.text()}`);
  return { ...caller, orgId: (await readAs(response, organizationSchema)).id };
}

/** Reads a JSON body and checks it against the route's own response schema (the contract). */
export async function readAs<T extends z.ZodType>(
  response: Response,
  schema: T,
): Promise<z.infer<T>> {
  const text = await response.text();
  const parsed = schema.safeParse(JSON.parse(text));
  if (!parsed.success)
    throw new Error(`response does not match its schema: ${parsed.error.message}\n${text}`);
  return parsed.data;
}

export const readProblem = (response: Response) => readAs(response, problemSchema);

/**
 * Signs up a new person, invites them into the owner's organization with a role (and team),
 * and accepts the invitation as them, which makes that organization their active one.
 */
export async function addMember(
  app: TestApp,
  owner: Caller,
  role: "viewer" | "member" | "lead" | "exec" | "owner",
  teamId: string | null = null,
): Promise<Caller> {
  const person = await signUp(app);
  const response = await call(app, "POST", "/api/v1/members", {
    caller: owner,
    body: { email: person.email, role, teamId },
  });
  if (response.status !== 201)
    throw new Error(`invite failed: ${response.status} ${await response.text()}`);
  const { invitation } = await readAs(response, inviteAnswerSchema);
  const accepted = await call(app, "POST", "/api/v1/invitations/accept", {
    caller: person,
    body: { organizationId: invitation.organizationId, invitationId: invitation.id },
  });
  if (accepted.status !== 200)
    throw new Error(`accept failed: ${accepted.status} ${await accepted.text()}`);
  return person;
}

export async function createTeam(
  app: TestApp,
  owner: Caller,
  name: string,
  fn: "marketing" | "sales" | "customer_success" | "other",
) {
  const response = await call(app, "POST", "/api/v1/teams", {
    caller: owner,
    body: { name, function: fn },
  });
  if (response.status !== 201)
    throw new Error(`create team failed: ${response.status} ${await response.text()}`);
  const body: unknown = await response.json();
  return typeof body === "object" && body !== null && "id" in body ? String(body.id) : "";
}

/** Creates a goal as `caller` (an exec or owner) and returns it as the API answered. */
export async function createGoal(app: TestApp, caller: Caller, body: Record<string, unknown>) {
  return readAs(await call(app, "POST", "/api/v1/goals", { caller, body }), goalSchema);
}
