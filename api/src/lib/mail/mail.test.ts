import { readdir, readFile } from "node:fs/promises";
import { z } from "@hono/zod-openapi";
import { describeEachEngine } from "@tandem/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { outboxSchema } from "../../routes/outbox/outbox.routes";
import { type SmtpReceiver, startSmtpReceiver } from "../../testing/smtp-receiver";
import {
  addMember,
  call,
  createOwner,
  createTestApp,
  createTestMailer,
  readAs,
  signUp,
} from "../../testing/test-app";

const PUBLIC = "https://tandem.example.com";
const inviteAnswer = z.object({
  invitation: z.object({ acceptUrl: z.string() }),
  mail: z.enum(["sent", "outbox", "failed"]),
});

let smtp: SmtpReceiver;
beforeAll(async () => {
  smtp = await startSmtpReceiver();
});
afterAll(() => smtp.close());

describeEachEngine("mail", (db) => {
  it("emails an invitation through the SMTP server, its link at the public address", async () => {
    const mailer = createTestMailer(smtp.url);
    const { app } = createTestApp(db(), {
      mailer,
      addresses: { publicUrl: PUBLIC, trustProxy: false },
    });
    const headers = { origin: PUBLIC };
    const owner = await signUp(app, undefined, headers);
    await call(app, "POST", "/api/v1/organizations", {
      caller: owner,
      headers,
      body: { name: "Mailed Co", currency: "USD", timezone: "UTC" },
    });
    const to = `invitee-${Date.now()}@example.test`;
    const answer = await readAs(
      await call(app, "POST", "/api/v1/members", {
        caller: owner,
        headers,
        body: { email: to, role: "lead" },
      }),
      inviteAnswer,
    );
    expect(answer.mail).toBe("sent");
    expect(answer.invitation.acceptUrl.startsWith(`${PUBLIC}/invitations/`)).toBe(true);
    await expect.poll(() => smtp.to(to).length).toBe(1);
    const [mail] = smtp.to(to);
    expect(mail?.subject).toContain("Mailed Co");
    expect(mail?.text).toContain(answer.invitation.acceptUrl);
    expect(mail?.html).toContain(`href="${answer.invitation.acceptUrl}"`);
    expect(mail?.parsed.from?.text).toContain("tandem@example.test");
  });

  it("resets a password by email: one use, old password and sessions end", async () => {
    const { app } = createTestApp(db(), {
      mailer: createTestMailer(smtp.url),
      addresses: { publicUrl: PUBLIC, trustProxy: false },
    });
    const headers = { origin: PUBLIC };
    const person = await signUp(app, undefined, headers);
    const nobody = `nobody-${Date.now()}@example.test`;
    for (const email of [nobody, person.email]) {
      const asked = await call(app, "POST", "/api/auth/request-password-reset", {
        headers,
        body: { email },
      });
      // The same answer whether or not the email has an account.
      expect(asked.status).toBe(200);
    }
    await expect.poll(() => smtp.to(person.email).length).toBe(1);
    expect(smtp.to(nobody)).toEqual([]);
    const text = smtp.to(person.email)[0]?.text ?? "";
    const link = /https:\/\/tandem\.example\.com\/reset-password\?token=([\w-]+)/.exec(text);
    expect(link).not.toBeNull();
    const token = link?.[1] ?? "";

    const short = await call(app, "POST", "/api/auth/reset-password", {
      headers,
      body: { token, newPassword: "short" },
    });
    expect(short.status).toBe(400);
    const reset = await call(app, "POST", "/api/auth/reset-password", {
      headers,
      body: { token, newPassword: "a-brand-new-password" },
    });
    expect(reset.status).toBe(200);
    const again = await call(app, "POST", "/api/auth/reset-password", {
      headers,
      body: { token, newPassword: "yet-another-password" },
    });
    expect(again.status).toBe(400);

    const session = await call(app, "GET", "/api/auth/get-session", { caller: person, headers });
    expect(await session.json()).toBeNull();
    const old = await call(app, "POST", "/api/auth/sign-in/email", {
      headers,
      body: { email: person.email, password: "correct-horse-battery" },
    });
    expect(old.status).toBe(401);
    const fresh = await call(app, "POST", "/api/auth/sign-in/email", {
      headers,
      body: { email: person.email, password: "a-brand-new-password" },
    });
    expect(fresh.status).toBe(200);
  });

  it("without SMTP keeps mail in the outbox, listed to its organization's owners only", async () => {
    const mailer = createTestMailer();
    const { app } = createTestApp(db(), { mailer });
    const owner = await createOwner(app, { name: "Outbox Co" });
    const to = `outboxed-${Date.now()}@example.test`;
    const answer = await readAs(
      await call(app, "POST", "/api/v1/members", {
        caller: owner,
        body: { email: to, role: "member" },
      }),
      inviteAnswer,
    );
    expect(answer.mail).toBe("outbox");
    // The link uses the address the owner came in by (no public URL set).
    expect(answer.invitation.acceptUrl.startsWith("http://localhost/invitations/")).toBe(true);

    const member = await addMember(app, owner, "exec");
    // A member's password reset is written to the folder but never shown to an owner.
    const asked = await call(app, "POST", "/api/auth/request-password-reset", {
      body: { email: member.email },
    });
    expect(asked.status, await asked.clone().text()).toBe(200);
    const dir = mailer.outbox?.dir ?? "";
    await expect
      .poll(async () => {
        const files = await readdir(dir);
        const texts = await Promise.all(
          files.filter((f) => f.endsWith(".eml")).map((f) => readFile(`${dir}/${f}`, "utf8")),
        );
        return texts.some((t) => t.includes("Reset your Tandem password"));
      })
      .toBe(true);

    const listed = await readAs(
      await call(app, "GET", "/api/v1/outbox", { caller: owner }),
      outboxSchema,
    );
    expect(listed.mode).toBe("outbox");
    expect(listed.messages.map((m) => m.kind).sort()).toEqual(["invitation", "invitation"]);
    const mine = listed.messages.find((m) => m.to === to);
    expect(mine?.text).toContain(answer.invitation.acceptUrl);

    expect((await call(app, "GET", "/api/v1/outbox", { caller: member })).status).toBe(403);
    const stranger = await createOwner(app, { name: "Other Co" });
    const theirs = await readAs(
      await call(app, "GET", "/api/v1/outbox", { caller: stranger }),
      outboxSchema,
    );
    expect(theirs.messages).toEqual([]);
    expect((await call(app, "GET", "/api/v1/outbox")).status).toBe(401);
  });

  it("records the invitation even when the mail server refuses", async () => {
    const { app } = createTestApp(db(), { mailer: createTestMailer("smtp://127.0.0.1:9") });
    const owner = await createOwner(app);
    const answer = await readAs(
      await call(app, "POST", "/api/v1/members", {
        caller: owner,
        body: { email: `down-${Date.now()}@example.test`, role: "member" },
      }),
      inviteAnswer,
    );
    expect(answer.mail).toBe("failed");
    const people = await call(app, "GET", "/api/v1/members", { caller: owner });
    expect(((await people.json()) as { invitations: unknown[] }).invitations).toHaveLength(1);
  });
});
