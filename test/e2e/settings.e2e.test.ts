import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OIDC_CLIENT, startOidcProvider } from "../../api/src/testing/oidc-provider";
import { apiCall, apiSignIn, expectJson } from "../support/api";
import {
  demoPassword,
  screenshot,
  screenshotDir,
  seriousA11yViolations,
  signIn,
} from "../support/browser";
import { useE2E } from "../support/e2e";

const e2e = useE2E();

const goodCsv = [
  "Lead ID,Created,Channel,Campaign",
  "e2e-lead-1,2026-11-02T10:00:00Z,partner,Partner day",
  "e2e-lead-2,2026-11-03T11:30:00Z,partner,Partner day",
  'e2e-lead-3,2026-11-04T09:15:00Z,"events","Expo, Berlin"',
].join("\n");

const badCsv = [
  "Lead ID,Created,Channel",
  "e2e-bad-1,2026-11-02T10:00:00Z,partner",
  "e2e-bad-2,not a date,partner",
  "e2e-bad-3,2026-11-04T09:15:00Z,",
].join("\n");

describe("settings", () => {
  it("lets an owner create an API key, shown once, that the ingest API accepts", async () => {
    const { page } = await e2e.open();
    await signIn(page, "owner@acme.test");
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByRole("heading", { name: "API keys" }).waitFor();
    const form = page.getByRole("form", { name: "Create an API key" });
    await form.getByLabel("Key name").fill("E2E CRM sync");
    await form.getByRole("button", { name: "Create key" }).click();
    const token = (await page.getByTestId("secret-value").textContent()) ?? "";
    expect(token.length).toBeGreaterThan(20);
    await page
      .getByText("Copy it now: it is stored only as a hash and will not be shown again.")
      .waitFor();
    const row = page.getByRole("row", { name: /E2E CRM sync/ });
    await row.waitFor();
    expect(await row.textContent()).not.toContain(token);

    const ingest = await page.request.post("/api/v1/ingest/leads", {
      headers: { authorization: `Bearer ${token}` },
      data: {
        records: [
          { externalId: "e2e-api-1", createdAt: "2026-11-05T10:00:00Z", source: "partner" },
        ],
      },
    });
    expect(ingest.status()).toBe(200);
    expect(await ingest.json()).toMatchObject({ inserted: 1 });

    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "settings");
  });

  it("imports a CSV with a column mapping after a dry-run preview", async () => {
    const { page } = await e2e.open();
    await signIn(page, "owner@acme.test", "/settings#import");
    const section = page.getByRole("region", { name: "Import a CSV" });
    await section.getByLabel("What the file holds").selectOption("leads");
    await section
      .getByLabel("CSV file")
      .setInputFiles({ name: "leads.csv", mimeType: "text/csv", buffer: Buffer.from(goodCsv) });
    await section.getByText("leads.csv: 3 rows, 4 columns.").waitFor();
    await section.getByLabel(/externalId/).selectOption("Lead ID");
    await section.getByLabel(/createdAt/).selectOption("Created");
    await section.getByLabel(/source/).selectOption("Channel");
    expect(await section.getByRole("button", { name: "Import 3 rows" }).isDisabled()).toBe(true);

    await section.getByRole("button", { name: "Preview (dry run)" }).click();
    await section
      .getByText(/Preview: 3 rows are valid and would give 3 new, 0 updated, 0 unchanged/)
      .waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "settings-import-preview");
    await section.getByRole("button", { name: "Import 3 rows" }).click();
    await section.getByText(/Imported 3 rows: 3 new/).waitFor();

    // The same file again changes nothing: rows update by their id.
    await section.getByRole("button", { name: "Preview (dry run)" }).click();
    await section.getByText(/0 new, 0 updated, 3 unchanged/).waitFor();
  });

  it("shows a bad file's problems by line, and writes nothing", async () => {
    const session = await e2e.open();
    session.allow(/status of 422/);
    const { page } = session;
    await signIn(page, "exec@acme.test", "/settings#import");
    const section = page.getByRole("region", { name: "Import a CSV" });
    await section
      .getByLabel("CSV file")
      .setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(badCsv) });
    await section.getByLabel(/externalId/).selectOption("Lead ID");
    await section.getByLabel(/createdAt/).selectOption("Created");
    await section.getByLabel(/source/).selectOption("Channel");
    await section.getByRole("button", { name: "Preview (dry run)" }).click();
    const problems = section.getByRole("table", { name: "Problems by line" });
    await problems.waitFor();
    const lines = await problems.locator("tbody tr td:first-child").allTextContents();
    expect(lines).toEqual(expect.arrayContaining(["3", "4"]));
    expect(lines).not.toContain("2");
    expect(await section.getByRole("button", { name: /^Import/ }).isDisabled()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "settings-import-errors");

    // Asked to skip them, the preview lists the bad rows and shows the good one as it will be stored.
    await section.getByLabel("Skip bad rows").check();
    await section.getByRole("button", { name: "Preview (dry run)" }).click();
    const skipped = section.getByRole("table", { name: /2 bad rows will be skipped/ });
    await skipped.waitFor();
    expect(await skipped.locator("tbody tr td:first-child").allTextContents()).toEqual(["3", "4"]);
    const first = section.getByRole("table", { name: /first 1 rows as they will be imported/ });
    expect(await first.locator("tbody tr").first().textContent()).toContain("e2e-bad-1");
    await section.getByRole("button", { name: "Import 1 rows" }).click();
    await section.getByText(/Imported 1 rows: 1 new/).waitFor();
  });

  it("asks a file's open format questions once, then previews the rows as answered, on a phone too", async () => {
    const ambiguous = [
      '"Record ID","Deal Stage","Amount","Create Date","Close Date"',
      '"e2e-deal-1","Closed Won","12.500","03/04/2026","03/05/2026"',
      '"e2e-deal-2","Closed Won","1.250","04/04/2026","04/06/2026"',
    ].join("\n");
    const session = await e2e.open();
    session.allow(/status of 422/);
    const { page } = session;
    await signIn(page, "owner@acme.test");
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto("/settings#import");
      const section = page.getByRole("region", { name: "Import a CSV" });
      await section.getByLabel("What the file holds").selectOption("deals");
      await section.getByLabel("Exported from").selectOption("hubspot");
      await section.getByLabel("CSV file").setInputFiles({
        name: "deals.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(ambiguous),
      });
      await section.getByRole("button", { name: "Preview (dry run)" }).click();
      const amounts = section.getByRole("group", { name: "How does this file write amounts?" });
      const dates = section.getByRole("group", { name: "How does this file write dates?" });
      await amounts.waitFor();
      await dates.waitFor();
      expect(await amounts.textContent()).toContain("Column “Amount” has 12.500 on line 2");
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, `settings-import-questions-${width}`);
      await amounts.getByLabel(/^Comma/).check();
      await dates.getByLabel(/^Day first/).check();
      const rows = section.getByRole("table", { name: /first 2 rows as they will be imported/ });
      await rows.waitFor();
      const text = (await rows.textContent()) ?? "";
      expect(text).toContain("12,500.00");
      expect(text).toContain("Apr 3, 2026");
      // Answered, the questions stay with their answer.
      expect(await amounts.getByLabel(/^Comma/).isChecked()).toBe(true);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, `settings-import-preview-${width}`);
    }
  });

  it("adds a team and invites a lead, who signs up from the link and joins", async () => {
    const { page } = await e2e.open();
    await signIn(page, "owner@acme.test", "/settings#teams");
    const teamForm = page.getByRole("form", { name: "Add a team" });
    // Our words next to the field, never the browser's popup: every form checks itself.
    expect(await page.$$eval("form", (forms) => forms.every((f) => f.noValidate))).toBe(true);
    await teamForm.getByRole("button", { name: "Add team" }).click();
    await teamForm.getByText("Is required.", { exact: true }).waitFor();
    const teamName = teamForm.getByLabel("Team name");
    expect(await teamName.getAttribute("aria-invalid")).toBe("true");
    expect(await teamName.evaluate((input) => input === document.activeElement)).toBe(true);
    const describedBy = (await teamName.getAttribute("aria-describedby")) ?? "";
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe("Is required.");
    await teamName.fill("Partnerships");
    // Fixed as it is typed: the error goes before the next send.
    await expect.poll(() => teamForm.getByText("Is required.").count()).toBe(0);
    expect(await teamName.getAttribute("aria-invalid")).toBeNull();
    await teamForm.getByLabel("Function").selectOption("other");
    await teamForm.getByRole("button", { name: "Add team" }).click();
    await page
      .getByRole("region", { name: "Teams" })
      .getByRole("row", { name: /Partnerships/ })
      .waitFor();

    const invite = page.getByRole("form", { name: "Invite a member" });
    await invite.getByLabel("Email", { exact: true }).fill("pat@");
    await invite.getByRole("button", { name: "Invite" }).click();
    await invite
      .getByText("Must be an email address, like name@company.com.", { exact: true })
      .waitFor();
    expect(await page.getByText("Not saved: one field needs a change").count()).toBe(1);
    // The error is the field's description, not part of its name: said once.
    await invite.getByRole("textbox", { name: "Email", exact: true }).fill("pat@acme.test");
    await invite.getByRole("combobox", { name: /^Role/ }).selectOption("lead");
    await invite.getByRole("combobox", { name: /^Team/ }).selectOption({ label: "Partnerships" });
    await invite.getByRole("button", { name: "Invite" }).click();
    const link = (await page.getByTestId("secret-value").textContent()) ?? "";
    expect(link).toMatch(/\/invitations\/[^/]+\/[^/]+$/);

    const invitee = await e2e.open();
    await invitee.page.goto(new URL(link).pathname);
    await invitee.page.getByRole("heading", { name: "You are invited" }).waitFor();
    expect(await seriousA11yViolations(invitee.page)).toEqual([]);
    await invitee.page.getByRole("link", { name: "Create an account" }).click();
    await invitee.page.getByLabel("Name").fill(" ");
    await invitee.page.getByLabel("Email").fill("pat@acme.test");
    await invitee.page.getByLabel("Password").fill("short");
    await invitee.page.getByRole("button", { name: "Create account" }).click();
    // Each field's own error, once, and the cursor in the first one to fix.
    await invitee.page.getByText("Is required.", { exact: true }).waitFor();
    await invitee.page.getByText("Must be at least 8 characters.", { exact: true }).waitFor();
    expect(
      await invitee.page.getByLabel("Name").evaluate((input) => input === document.activeElement),
    ).toBe(true);
    await screenshot(invitee.page, "sign-up-errors");
    await invitee.page.getByLabel("Name").fill("Pat Partner");
    await invitee.page.getByLabel("Email").fill("pat@acme.test");
    await invitee.page.getByLabel("Password").fill("partner-password");
    await invitee.page.getByRole("button", { name: "Create account" }).click();
    await invitee.page.getByRole("button", { name: "Accept the invitation" }).click();
    await invitee.page.getByText("Team lead · Partnerships", { exact: true }).waitFor();
    await expect
      .poll(() => invitee.page.getByTestId("headline-actual").textContent())
      .toMatch(/^\$/);
  });
});

// Flows that used to be files of their own (sessions.e2e, audit.e2e, sso.e2e): each file
// starts a server, the costliest part of a one-test flow. They run after the tests above, in
// this order: the sessions test counts marketing's sessions before the audit test signs
// marketing in again, and single sign-on for acme.test comes last, after every password sign-in.
/** The section alone: a full page of Settings is too long to look at. */
const shoot = (section: Locator, name: string) =>
  section.screenshot({ path: join(screenshotDir, `${name}.png`) });

const overflow = (page: Page) =>
  page.evaluate(
    () => document.documentElement.scrollWidth - Math.min(window.innerWidth, window.screen.width),
  );

describe("sessions", () => {
  it("lists where a person is signed in and ends the session of another device", async () => {
    const laptop = await e2e.open();
    const phone = await e2e.open({ width: 360, height: 780, phone: true });
    phone.allow(/status of 401/);
    // On the phone through the sign-in screen, by tap.
    await phone.page.goto("/sign-in");
    await phone.page.getByLabel("Email").fill("marketing@acme.test");
    await phone.page.getByLabel("Password").fill(demoPassword);
    await phone.page.getByRole("button", { name: "Sign in", exact: true }).tap();
    await phone.page.getByRole("button", { name: "Menu" }).waitFor({ timeout: 30_000 });
    await signIn(laptop.page, "marketing@acme.test", "/settings#sessions");

    const section = laptop.page.getByRole("region", { name: "Your sessions" });
    await section.getByRole("row", { name: /this browser/ }).waitFor();
    // This browser's session ends by signing out; the other one, the phone's, has a button.
    const endPhone = section.getByRole("button", { name: /^End session on / });
    expect(await endPhone.count()).toBe(1);
    expect(await seriousA11yViolations(laptop.page)).toEqual([]);
    await shoot(section, "settings-sessions");

    await phone.page.goto("/settings#sessions");
    const onPhone = phone.page.getByRole("region", { name: "Your sessions" });
    await onPhone.getByRole("row", { name: /this browser/ }).waitFor();
    expect(await overflow(phone.page)).toBeLessThanOrEqual(0);
    await shoot(onPhone, "settings-sessions-phone");

    await endPhone.click();
    await expect.poll(() => endPhone.count()).toBe(0);
    await phone.page.reload();
    await phone.page.getByRole("button", { name: "Sign in", exact: true }).waitFor();

    // Where single sign-on sends a person of another domain back to, it says why.
    await phone.page.goto("/sign-in?error=sso_domain_refused");
    await phone.page.getByRole("alert").getByText("email domain does not sign in").waitFor();
    await shoot(phone.page.locator(".sign-in-card"), "sign-in-sso-refused-phone");
  });
});

describe("the audit log", () => {
  it("reads in sentences and filters by person, kind and day", async () => {
    const origin = e2e.baseUrl();
    const cookie = await apiSignIn(origin, "marketing@acme.test", "tandem-demo");
    const goals = (await expectJson(
      await apiCall(origin, "GET", "/api/v1/goals", { cookie }),
      200,
    )) as {
      goals: { id: string; startsOn: string; endsOn: string }[];
    };
    const today = new Date().toISOString().slice(0, 10);
    const current = goals.goals.find((g) => g.startsOn <= today && today <= g.endsOn);
    const list = (await expectJson(
      await apiCall(origin, "GET", `/api/v1/goals/${current?.id}/key-results`, { cookie }),
      200,
    )) as { keyResults: { id: string; title: string; version: number }[] };
    const webinars = list.keyResults.find((k) => k.title === "Webinar attendance");
    await expectJson(
      await apiCall(origin, "POST", `/api/v1/key-results/${webinars?.id}/check-ins`, {
        cookie,
        headers: { "if-match": `"${webinars?.version}"` },
        body: { value: 731, confidence: 8 },
      }),
      201,
    );

    {
      const { page } = await e2e.open();
      await signIn(page, "owner@acme.test", "/settings#audit");
      const log = page.getByRole("list", { name: "Audit log entries" });
      const sentence = "Priya Raman (Marketing lead) checked in on Webinar attendance: 731";
      await log.getByText(sentence).waitFor();
      const filters = page.getByRole("form", { name: "Filter the audit log" });
      await filters.getByLabel("Kind").selectOption({ label: "Check-ins" });
      await filters.getByLabel("Person").selectOption({ label: "Priya Raman" });
      await log.getByText(sentence).waitFor();
      await expect.poll(() => log.getByRole("listitem").count()).toBe(1);
      await screenshot(page, "settings-audit");
      await filters.getByLabel("From").fill("2099-01-01");
      await page.getByText("No change matches these filters.").waitFor();
    }
  });
});

describe("single sign-on set up in Settings", () => {
  let idp: Awaited<ReturnType<typeof startOidcProvider>>;
  beforeAll(async () => {
    idp = await startOidcProvider({
      newhire: { email: "newhire@acme.test", name: "Nia Newhire", groups: ["tandem-leads"] },
    });
  });
  afterAll(() => idp?.close());

  it("an owner connects the provider, and a newcomer signs in through it into the dashboard", async () => {
    // Tall enough for the whole section in one shot, under no sticky bar.
    const owner = await e2e.open({ height: 1500 });
    await signIn(owner.page, "owner@acme.test", "/settings#sso");
    const section = owner.page.getByRole("region", { name: "Single sign-on" });
    await section.getByText("No provider yet.").waitFor();
    // Sent empty: our words under the first field to fill, and the cursor in it.
    await section.getByRole("button", { name: "Save" }).click();
    const address = section.getByLabel("Provider address");
    await expect.poll(() => address.getAttribute("aria-invalid")).toBe("true");
    const errorId = (await address.getAttribute("aria-describedby"))?.split(" ")[0];
    expect(await section.locator(`[id="${errorId}"]`).textContent()).toBe("Is required.");
    expect(await address.evaluate((el) => el === document.activeElement)).toBe(true);
    await address.fill(idp.issuer);
    await section.getByLabel("Button name").fill("Acme ID");
    await section.getByLabel("Client ID").fill(OIDC_CLIENT.clientId);
    await section.getByLabel("Client secret").fill(OIDC_CLIENT.clientSecret);
    // A list field: the API names the item, the field says which one in words.
    owner.allow(/status of 422/);
    const domains = section.getByLabel("Email domains");
    await domains.fill("acme.test, acme test");
    await section.getByRole("button", { name: "Save" }).click();
    await section.getByText("Item 2 is not an email domain").waitFor();
    expect(await domains.getAttribute("aria-invalid")).toBe("true");
    expect(await section.getByRole("alert").textContent()).toContain("marked above");
    await domains.fill("acme.test");
    await section.getByLabel("Extra scopes").fill("groups");
    await section.getByRole("button", { name: "Add a group" }).click();
    await section.getByLabel("Group", { exact: true }).fill("tandem-leads");
    await section.locator(".sso-mapping").getByRole("combobox").selectOption("lead");
    await section.getByRole("button", { name: "Test connection" }).click();
    await section.getByText(`Connected: ${idp.issuer}`).waitFor();
    await section.getByRole("button", { name: "Save" }).click();
    await section.getByText("Saved. It counts at the next sign-in.").waitFor();
    await expect
      .poll(() => section.getByLabel("Client secret").getAttribute("placeholder"))
      .toMatch(/Kept/);
    expect(await seriousA11yViolations(owner.page)).toEqual([]);
    await shoot(section, "settings-sso-desktop");
    // The provider learns the address Tandem comes back to, as an owner registers it there.
    idp.allowRedirect(await section.getByLabel("Redirect address").inputValue());

    // On a phone the owner's own domain now offers the provider; a password still works.
    const phone = await e2e.open({ width: 360, height: 780, phone: true });
    await phone.page.goto("/sign-in");
    await phone.page.getByLabel("Email").fill("owner@acme.test");
    await phone.page.getByRole("button", { name: "Sign in with Acme ID" }).waitFor();
    await screenshot(phone.page, "phone/sign-in-sso");
    await phone.page.getByLabel("Password").fill(demoPassword);
    await phone.page.getByRole("button", { name: "Sign in", exact: true }).tap();
    await phone.page.getByRole("button", { name: "Menu" }).waitFor({ timeout: 30_000 });
    await phone.page.goto("/settings#sso");
    const small = phone.page.getByRole("region", { name: "Single sign-on" });
    await small.getByLabel("Button name").waitFor();
    expect(
      await phone.page.evaluate(() => document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(360);
    await shoot(small, "settings-sso-phone");

    // A newcomer: the email's domain offers the provider; its login form; back in the dashboard.
    const newcomer = await e2e.open();
    // The provider's development login page asks for a web font from the internet and a
    // favicon: tests talk to loopback only, so anything else is refused before it leaves.
    await newcomer.page.context().route(
      (url) => !["127.0.0.1", "localhost", "[::1]"].includes(url.hostname),
      (route) => route.abort("blockedbyclient"),
    );
    newcomer.allow(/ERR_BLOCKED_BY_CLIENT|status of 404/);
    await newcomer.page.goto("/sign-in");
    await newcomer.page.getByLabel("Email").fill("newhire@acme.test");
    await newcomer.page.getByRole("button", { name: "Sign in with Acme ID" }).click();
    await newcomer.page.waitForURL((url) => url.origin === idp.issuer);
    await newcomer.page.locator('input[name="login"]').fill("newhire");
    await newcomer.page.locator('input[name="password"]').fill("any");
    await newcomer.page.screenshot({ path: join(screenshotDir, "sso-provider-login.png") });
    await newcomer.page.locator('button[type="submit"]').click();
    // The provider asks once to share the profile with Tandem.
    await newcomer.page.locator('button[type="submit"]').click();
    await newcomer.page.getByRole("navigation", { name: "Main" }).waitFor({ timeout: 30_000 });
    expect(new URL(newcomer.page.url()).pathname).toBe("/");
    await newcomer.page.getByText(/At this pace the company books/).waitFor({ timeout: 30_000 });
    // Joined the organization with the role the provider's group gives.
    await newcomer.page.getByText("Team lead").first().waitFor();
    await screenshot(newcomer.page, "sso-signed-in-dashboard");
  });
});
