import { z } from "@hono/zod-openapi";
import { describeEachEngine } from "@tandem/db/testing";
import { expect, it } from "vitest";
import { readSse } from "../../lib/live/sse-reader";
import {
  addMember,
  type Caller,
  call,
  createOwner,
  readAs,
  readProblem,
  signIn,
  type TestApp,
} from "../../testing/test-app";
import { memberSchema } from "../members/members.routes";
import { createLiveFixture } from "../stream/live-fixtures";
import { createLiveTestApp } from "../stream/live-test-app";
import { endedSchema, sessionListSchema } from "./sessions.routes";

const firefoxMac =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:132.0) Gecko/20100101 Firefox/132.0";
const safariPhone =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

/** Signs the same person in again from another device. */
async function signInFrom(app: TestApp, caller: Caller, userAgent: string): Promise<Caller> {
  const response = await call(app, "POST", "/api/auth/sign-in/email", {
    body: { email: caller.email, password: "correct-horse-battery" },
    headers: { "user-agent": userAgent, "x-forwarded-for": "203.0.113.7" },
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0] ?? "")
    .filter((c) => c.includes("session_token"))
    .join("; ");
  return { ...caller, cookie };
}

async function memberIdOf(app: TestApp, owner: Caller, userId: string): Promise<string> {
  const people = await readAs(
    await call(app, "GET", "/api/v1/members", { caller: owner }),
    z.object({ members: z.array(memberSchema) }),
  );
  const found = people.members.find((m) => m.userId === userId);
  if (!found) throw new Error(`no member for user ${userId}`);
  return found.id;
}

const sessionsOf = async (app: TestApp, caller: Caller) =>
  (await readAs(await call(app, "GET", "/api/v1/sessions", { caller }), sessionListSchema))
    .sessions;

describeEachEngine("sessions", (db) => {
  it("lists a person's sessions with device, address and last seen, and ends any of them", async () => {
    const { app } = createLiveTestApp(db());
    const owner = await createOwner(app);
    const laptop = await signInFrom(app, owner, firefoxMac);
    const phone = await signInFrom(app, owner, safariPhone);

    const seen = await sessionsOf(app, laptop);
    expect(seen).toHaveLength(3);
    const current = seen.filter((s) => s.current);
    expect(current).toHaveLength(1);
    expect(current[0]?.device).toEqual({ label: "Firefox 132 on macOS", kind: "desktop" });
    expect(current[0]?.ipAddress).toBe("203.0.113.7");
    const phoneRow = seen.find((s) => s.device.label === "Safari 17 on iOS");
    expect(phoneRow?.device.kind).toBe("mobile");
    expect(Date.parse(phoneRow?.lastSeenAt ?? "")).toBeGreaterThan(0);

    // Ending the phone's session from the laptop signs the phone out.
    const ended = await call(app, "DELETE", `/api/v1/sessions/${phoneRow?.id}`, { caller: laptop });
    expect(ended.status).toBe(204);
    expect((await call(app, "GET", "/api/v1/sessions", { caller: phone })).status).toBe(401);
    expect(await sessionsOf(app, laptop)).toHaveLength(2);
    const again = await call(app, "DELETE", `/api/v1/sessions/${phoneRow?.id}`, { caller: laptop });
    expect(again.status).toBe(404);

    // Everywhere else: only the current session is left.
    const others = await readAs(
      await call(app, "DELETE", "/api/v1/sessions", { caller: laptop }),
      endedSchema,
    );
    expect(others.ended).toBe(1);
    expect((await call(app, "GET", "/api/v1/me", { caller: owner })).status).toBe(401);
    expect((await sessionsOf(app, laptop)).map((s) => s.current)).toEqual([true]);
  });

  it("never shows or ends another person's sessions", async () => {
    const { app } = createLiveTestApp(db());
    const owner = await createOwner(app);
    const stranger = await createOwner(app);
    const [theirs] = await sessionsOf(app, stranger);
    const response = await call(app, "DELETE", `/api/v1/sessions/${theirs?.id}`, { caller: owner });
    expect(response.status).toBe(404);
    expect((await readProblem(response)).code).toBe("not_found");
    expect(await sessionsOf(app, stranger)).toHaveLength(1);
    expect((await sessionsOf(app, owner)).map((s) => s.id)).not.toContain(theirs?.id);
    expect((await call(app, "GET", "/api/v1/sessions")).status).toBe(401);
  });

  it("lets an owner sign a member out everywhere, within their own organization only", async () => {
    const { app } = createLiveTestApp(db());
    const owner = await createOwner(app);
    const exec = await addMember(app, owner, "exec");
    await signIn(app, exec.email, "correct-horse-battery");
    const memberId = await memberIdOf(app, owner, exec.userId);
    const path = `/api/v1/members/${memberId}/sessions`;

    expect((await call(app, "GET", path, { caller: exec })).status).toBe(403);
    expect((await call(app, "DELETE", path, { caller: exec })).status).toBe(403);
    const stranger = await createOwner(app);
    expect((await call(app, "GET", path, { caller: stranger })).status).toBe(404);
    expect((await call(app, "DELETE", path, { caller: stranger })).status).toBe(404);
    expect((await call(app, "GET", "/api/v1/me", { caller: exec })).status).toBe(200);

    const listed = await readAs(await call(app, "GET", path, { caller: owner }), sessionListSchema);
    expect(listed.sessions).toHaveLength(2);
    expect(listed.sessions.every((s) => !s.current)).toBe(true);
    const ended = await readAs(await call(app, "DELETE", path, { caller: owner }), endedSchema);
    expect(ended.ended).toBe(2);
    expect((await call(app, "GET", "/api/v1/me", { caller: exec })).status).toBe(401);
    const audit = await (await call(app, "GET", "/api/v1/audit", { caller: owner })).text();
    expect(audit).toContain("member.sign_out");
  });

  it("closes a session's open streams when it ends: sign-out, ended from elsewhere, removal", async () => {
    const { app, live } = createLiveTestApp(db());
    const { owner, goalId, salesLead } = await createLiveFixture(app);
    const path = `/api/v1/goals/${goalId}/stream`;
    const open = async (caller: Caller) => {
      const stream = readSse(await call(app, "GET", path, { caller }));
      expect((await stream.next(2000)).event).toBe("summary");
      return stream;
    };

    // better-auth's own sign-out route.
    const signedOut = await open(owner);
    const other = await open(salesLead);
    expect(
      (await call(app, "POST", "/api/auth/sign-out", { caller: owner, body: {} })).status,
    ).toBe(200);
    expect((await signedOut.next(2000)).event).toBe("signed_out");
    await signedOut.ended;
    expect(await other.maybeNext(300)).toBeNull();

    // Ended from another device through our route.
    const desk = await signIn(app, owner.email, "correct-horse-battery");
    const phone = await signIn(app, owner.email, "correct-horse-battery");
    const phoneStream = await open(phone);
    const phoneId = (await sessionsOf(app, phone)).find((s) => s.current)?.id;
    await call(app, "DELETE", `/api/v1/sessions/${phoneId}`, { caller: desk });
    expect((await phoneStream.next(2000)).event).toBe("signed_out");

    // Removed from the organization: the lead's stream closes too.
    const leadMemberId = await memberIdOf(app, desk, salesLead.userId);
    expect(
      (await call(app, "DELETE", `/api/v1/members/${leadMemberId}`, { caller: desk })).status,
    ).toBe(204);
    const closing = await other.next(2000);
    expect(closing.event).toBe("signed_out");
    expect(closing.data).toContain("no longer a member");
    await live.close();
  });
});
