import { z } from "@hono/zod-openapi";
import { describeEachEngine } from "@tandem/db/testing";
import * as OTPAuth from "otpauth";
import { expect, it } from "vitest";
import {
  addMember,
  type Caller,
  call,
  createOwner,
  createTestApp,
  readAs,
  readProblem,
  type TestApp,
} from "../../testing/test-app";
import { meSchema } from "../me/me.routes";
import { signInPolicySchema } from "./sign-in-policy.routes";

const password = "correct-horse-battery";
const enrolment = z.object({ totpURI: z.string(), backupCodes: z.array(z.string()) });
const signInStep = z.object({ twoFactorRedirect: z.literal(true) });

function cookiesOf(response: Response, name: string): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0] ?? "")
    .filter((c) => c.includes(name) && !c.endsWith("="))
    .join("; ");
}

/** Turns two-factor on as the Settings screen does: password, then a first code. */
async function enrol(app: TestApp, caller: Caller) {
  const enabled = await readAs(
    await call(app, "POST", "/api/auth/two-factor/enable", { caller, body: { password } }),
    enrolment,
  );
  const totp = OTPAuth.URI.parse(enabled.totpURI);
  if (!(totp instanceof OTPAuth.TOTP)) throw new Error("not a TOTP URI");
  expect(totp.issuer).toBe("Tandem");
  const verified = await call(app, "POST", "/api/auth/two-factor/verify-totp", {
    caller,
    body: { code: totp.generate() },
  });
  expect(verified.status).toBe(200);
  // The plugin replaces the session it turned two-factor on in.
  const signedIn: Caller = { ...caller, cookie: cookiesOf(verified, "session_token") };
  return { totp, backupCodes: enabled.backupCodes, caller: signedIn };
}

/** The first step of sign-in: the password gives a two-factor challenge, not a session. */
async function passwordStep(app: TestApp, email: string): Promise<string> {
  const response = await call(app, "POST", "/api/auth/sign-in/email", {
    body: { email, password },
  });
  expect(response.status).toBe(200);
  await readAs(response, signInStep);
  expect(cookiesOf(response, "session_token")).toBe("");
  const challenge = cookiesOf(response, "two_factor");
  expect(challenge).not.toBe("");
  return challenge;
}

async function secondStep(app: TestApp, challenge: string, path: string, code: string) {
  return call(app, "POST", `/api/auth/two-factor/${path}`, {
    body: { code },
    headers: { cookie: challenge },
  });
}

describeEachEngine("two-factor sign-in", (db) => {
  it("enrols with a TOTP secret and signs in with a code or a single-use recovery code", async () => {
    const { app } = createTestApp(db());
    const owner = await createOwner(app);
    const { totp, backupCodes, caller } = await enrol(app, owner);
    expect(backupCodes).toHaveLength(10);
    const me = await readAs(await call(app, "GET", "/api/v1/me", { caller }), meSchema);
    expect(me.user.twoFactorEnabled).toBe(true);

    // A password alone is no longer enough; a wrong code opens nothing.
    const challenge = await passwordStep(app, owner.email);
    const wrong = await secondStep(app, challenge, "verify-totp", "000000");
    expect(wrong.status).toBe(401);
    expect(cookiesOf(wrong, "session_token")).toBe("");
    const right = await secondStep(app, challenge, "verify-totp", totp.generate());
    expect(right.status).toBe(200);
    const bySecret = { ...owner, cookie: cookiesOf(right, "session_token") };
    expect((await call(app, "GET", "/api/v1/me", { caller: bySecret })).status).toBe(200);

    // A recovery code works once.
    const [recovery] = backupCodes;
    const first = await secondStep(
      app,
      await passwordStep(app, owner.email),
      "verify-backup-code",
      recovery ?? "",
    );
    expect(first.status).toBe(200);
    const again = await secondStep(
      app,
      await passwordStep(app, owner.email),
      "verify-backup-code",
      recovery ?? "",
    );
    expect(again.status).toBe(401);
  });

  it("lets an owner require it: members without are refused everything but /me until they enrol", async () => {
    const { app } = createTestApp(db());
    const owner = await createOwner(app);
    const exec = await addMember(app, owner, "exec");
    const require = { requireTwoFactor: true };

    // The owner needs it first, or the next request would lock them out of their own settings.
    const early = await call(app, "PUT", "/api/v1/sign-in-policy", {
      caller: owner,
      body: require,
    });
    expect(early.status).toBe(409);
    const enrolled = await enrol(app, owner);
    const byExec = await call(app, "PUT", "/api/v1/sign-in-policy", {
      caller: exec,
      body: require,
    });
    expect(byExec.status).toBe(403);
    const bad = await call(app, "PUT", "/api/v1/sign-in-policy", {
      caller: enrolled.caller,
      body: { requireTwoFactor: "yes" },
    });
    expect(bad.status).toBe(422);
    expect((await readProblem(bad)).errors?.[0]?.path).toBe("requireTwoFactor");
    const set = await call(app, "PUT", "/api/v1/sign-in-policy", {
      caller: enrolled.caller,
      body: require,
    });
    expect(await readAs(set, signInPolicySchema)).toEqual(require);

    const me = await readAs(await call(app, "GET", "/api/v1/me", { caller: exec }), meSchema);
    expect(me).toMatchObject({ requireTwoFactor: true, user: { twoFactorEnabled: false } });
    const refused = await call(app, "GET", "/api/v1/goals", { caller: exec });
    expect(refused.status).toBe(403);
    expect((await readProblem(refused)).detail).toMatch(/requires two-factor/);
    const { caller: execNow } = await enrol(app, exec);
    expect((await call(app, "GET", "/api/v1/goals", { caller: execNow })).status).toBe(200);

    // Another organization keeps its own policy and never sees this one's.
    const stranger = await createOwner(app);
    const theirs = await call(app, "GET", "/api/v1/sign-in-policy", { caller: stranger });
    expect(await readAs(theirs, signInPolicySchema)).toEqual({ requireTwoFactor: false });
    expect((await call(app, "GET", "/api/v1/goals", { caller: stranger })).status).toBe(200);
    const audit = await (
      await call(app, "GET", "/api/v1/audit", { caller: enrolled.caller })
    ).text();
    expect(audit).toContain("organization.sign_in_policy");
  });
});
