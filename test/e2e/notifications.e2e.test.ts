import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { startWebhookReceiver, type WebhookReceiver } from "@tandem/api/testing/webhook-receiver";
import { simpleParser } from "mailparser";
import type { Locator } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  demoPassword,
  screenshot,
  screenshotDir,
  seriousA11yViolations,
  signIn,
} from "../support/browser";
import { useE2E } from "../support/e2e";

const e2e = useE2E();

const shoot = (section: Locator, name: string) =>
  section.screenshot({ path: join(screenshotDir, `${name}.png`) });

let hooks: WebhookReceiver;
beforeAll(async () => {
  hooks = await startWebhookReceiver();
});
afterAll(() => hooks.close());

/** The newest message in the server's outbox (no SMTP configured) sent to `to`, parsed. */
async function newestMailTo(to: string, subject = /./) {
  const dir = join(e2e.server().dataDir, "outbox");
  const names = (await readdir(dir).catch(() => [])).filter((n) => n.endsWith(".eml")).sort();
  for (const name of names.reverse()) {
    const mail = await simpleParser(await readFile(join(dir, name)));
    const addressed = mail.to && !Array.isArray(mail.to) && mail.to.text.includes(to);
    if (addressed && subject.test(mail.subject ?? "")) return mail;
  }
  return null;
}

describe("notifications", () => {
  it("an owner connects a Slack channel, tests it, mutes the digest and reads the outbox", async () => {
    const session = await e2e.open();
    const { page } = session;
    // The bad webhook URL below is refused on purpose.
    session.allow(/status of 422/);
    await signIn(page, "owner@acme.test", "/settings#chat");
    const chat = page.getByRole("region", { name: "Slack and Teams" });
    await chat.getByRole("heading", { name: "Slack and Teams" }).waitFor();

    await chat.getByLabel("Channel name").fill("#revenue");
    await chat.getByLabel("Webhook URL").fill("ftp://hooks.example.com/x");
    await chat.getByRole("button", { name: "Add channel" }).click();
    await chat.getByText(/must start with https:\/\//i).waitFor();

    await chat.getByLabel("Webhook URL").fill(`${hooks.url}/services/T000/B000/E2ESECRETxyz9`);
    await chat.getByRole("button", { name: "Add channel" }).click();
    const row = chat.getByRole("row", { name: /#revenue/ });
    await row.waitFor();
    expect(await row.textContent()).toContain("…xyz9");
    expect(await row.textContent()).not.toContain("E2ESECRET");
    await row.getByRole("button", { name: "Test" }).click();
    await chat.getByText("Test message posted.").waitFor();
    expect(hooks.at("/services/T000/B000/E2ESECRETxyz9")).toHaveLength(1);
    await row.getByText(/Posted/).waitFor();

    const mine = page.getByRole("region", { name: "Your email notifications" });
    // A click, then the box as the app settles it (the saved choice, shown at once).
    await mine.getByLabel("The Monday digest").click();
    await expect.poll(() => mine.getByLabel("The Monday digest").isChecked()).toBe(false);

    const members = page.getByRole("region", { name: "Members and roles" });
    await members.getByLabel("Email").fill("newcomer@example.test");
    await members.getByRole("button", { name: "Invite" }).click();
    await page.getByText(/the email waits in the outbox/).waitFor();
    await page.reload();
    const outbox = page.getByRole("region", { name: "Email", exact: true });
    await outbox
      .getByText(/invited you to Acme/)
      .first()
      .waitFor();
    await expect.poll(() => mine.getByLabel("The Monday digest").isChecked()).toBe(false);

    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "settings-notifications");

    // The digest this server sent at start (Monday 8:00 has passed this week), as a mail
    // client shows its HTML part: at a desktop width and on a 360 px phone.
    const digest = await newestMailTo("owner@acme.test", /shared revenue/);
    expect(digest?.text).toContain("The lever that moved most");
    const mailTab = await session.newTab();
    await mailTab.setContent(typeof digest?.html === "string" ? digest.html : "");
    await mailTab.getByRole("link", { name: "Open the dashboard" }).waitFor();
    await mailTab.screenshot({ path: join(screenshotDir, "email-digest.png"), fullPage: true });
    await mailTab.setViewportSize({ width: 360, height: 780 });
    await mailTab.screenshot({
      path: join(screenshotDir, "phone/email-digest.png"),
      fullPage: true,
    });
    await shoot(mine, "settings-your-notifications");
    await shoot(chat, "settings-chat");
    await shoot(outbox, "settings-outbox");

    const phone = await e2e.open({ width: 360, height: 780, phone: true });
    await phone.page.goto("/sign-in");
    await phone.page.getByLabel("Email").fill("owner@acme.test");
    await phone.page.getByLabel("Password").fill(demoPassword);
    await phone.page.getByRole("button", { name: "Sign in", exact: true }).tap();
    await phone.page.getByRole("button", { name: "Menu" }).waitFor({ timeout: 30_000 });
    await phone.page.goto("/settings#chat");
    await phone.page.getByRole("row", { name: /#revenue/ }).waitFor();
    expect(
      await phone.page.evaluate(() => document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(360);
    await screenshot(phone.page, "phone/settings-notifications");
    for (const [name, title] of [
      ["chat", "Slack and Teams"],
      ["your-notifications", "Your email notifications"],
      ["outbox", "Email"],
    ] as const) {
      await shoot(
        phone.page.getByRole("region", { name: title, exact: true }),
        `phone/settings-${name}`,
      );
    }
  });

  it("resets a forgotten password with the emailed link", async () => {
    const { page } = await e2e.open();
    await page.goto("/sign-in");
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.getByLabel("Email").fill("sales@acme.test");
    await page.getByRole("button", { name: "Email me a link" }).click();
    await page
      .getByRole("status")
      .getByText(/a link to choose a new password is on its way/)
      .waitFor();
    await screenshot(page, "forgot-password");

    let link = "";
    await expect
      .poll(async () => {
        const mail = await newestMailTo("sales@acme.test");
        link = /\S+\/reset-password\?token=[\w-]+/.exec(mail?.text ?? "")?.[0] ?? "";
        return link;
      })
      .toMatch(new RegExp(`^${e2e.baseUrl()}/reset-password`));
    await page.goto(link);
    await page.getByLabel("New password").fill("short");
    await page.getByRole("button", { name: "Save the new password" }).click();
    await page.getByText("Must be at least 8 characters.").waitFor();
    expect(await page.getByLabel("New password").getAttribute("aria-invalid")).toBe("true");
    await page.getByLabel("New password").fill("a-new-sales-password");
    await page.getByRole("button", { name: "Save the new password" }).click();
    await page
      .getByRole("status")
      .getByText(/Your password is changed/)
      .waitFor();
    await screenshot(page, "reset-password");

    await page.getByRole("link", { name: "Sign in" }).click();
    await page.getByLabel("Email").fill("sales@acme.test");
    await page.getByLabel("Password").fill("a-new-sales-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("navigation", { name: "Main" }).waitFor({ timeout: 30_000 });
  });
});
