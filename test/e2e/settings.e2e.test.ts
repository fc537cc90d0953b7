import { describe, expect, it } from "vitest";
import { screenshot, seriousA11yViolations, signIn } from "../support/browser";
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
