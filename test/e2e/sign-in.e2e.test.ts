import { describe, expect, it } from "vitest";
import { screenshot, seriousA11yViolations, signIn } from "../support/browser";
import { useE2E } from "../support/e2e";

const e2e = useE2E();

const demoPeople = [
  { email: "owner@acme.test", role: "Owner" },
  { email: "exec@acme.test", role: "Executive" },
  { email: "marketing@acme.test", role: "Team lead · Marketing" },
  { email: "sales@acme.test", role: "Team lead · Sales" },
];

describe("signing in", () => {
  it("offers the demo sign-ins on an accessible page", async () => {
    const { page } = await e2e.open();
    await page.goto("/sign-in");
    await page.getByRole("heading", { name: "Demo accounts" }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "sign-in");
  });

  it.each(demoPeople)(
    "signs in $email and shows their number and role",
    async ({ email, role }) => {
      const { page } = await e2e.open();
      await signIn(page, email);
      await page.getByText(email, { exact: true }).waitFor();
      await page.getByText(role, { exact: true }).waitFor();
      await expect
        .poll(() => page.getByTestId("headline-actual").textContent())
        .toMatch(/^\$[\d,]+$/);
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.getByRole("heading", { name: "Sign in" }).waitFor();
    },
  );

  it("refuses a wrong password in words", async () => {
    const session = await e2e.open();
    session.allow(/status of 401/);
    const { page } = session;
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill("owner@acme.test");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page
      .getByRole("alert")
      .filter({ hasText: /invalid|password/i })
      .waitFor();
  });

  it("takes a new person from sign-up through a new organization to its first goal", async () => {
    const { page } = await e2e.open();
    await page.goto("/sign-up");
    await page.getByLabel("Name").fill("Grace Newcomer");
    await page.getByLabel("Email").fill("grace@globex.test");
    await page.getByLabel("Password").fill("correct-horse-battery");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Create account" }).click();

    await page.getByRole("heading", { name: "Create your organization" }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "create-organization");
    await page.getByLabel("Organization name").fill("Globex");
    await page.getByLabel("Currency").selectOption("EUR");
    await page.getByLabel("Timezone").selectOption("Europe/Berlin");
    await page.getByRole("button", { name: "Create organization" }).click();

    // An empty organization says what to do first.
    await page.getByRole("heading", { name: "Welcome to Tandem, Globex" }).waitFor();
    await page.getByRole("heading", { name: "Set the shared revenue goal" }).waitFor();
    await page.getByRole("heading", { name: "Add your teams and invite their leads" }).waitFor();
    await page.getByRole("heading", { name: "Connect your data" }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "empty-organization");

    for (const path of ["/check-ins", "/lead-quality", "/attribution"]) {
      await page.goto(path);
      await page.getByText("No goal yet").waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
    }

    await page.goto("/");
    await page.getByRole("link", { name: "Create the goal" }).click();
    await page.getByRole("button", { name: "Create goal" }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "plan-first-goal");
    await page.getByRole("button", { name: "Create goal" }).click();
    await expect.poll(() => page.getByTestId("headline-actual").textContent()).toMatch(/€/);
    await page.getByRole("heading", { name: "Finish setting up Globex" }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "new-organization-dashboard");

    // The guidance's next step: a team, then its first key result and check-in.
    await page.getByRole("link", { name: "Add teams" }).click();
    const teamForm = page.getByRole("form", { name: "Add a team" });
    await teamForm.getByLabel("Team name").fill("Growth");
    await teamForm.getByLabel("Function").selectOption("marketing");
    await teamForm.getByRole("button", { name: "Add team" }).click();
    await page
      .getByRole("region", { name: "Teams" })
      .getByRole("row", { name: /Growth/ })
      .waitFor();

    await page.getByRole("link", { name: "Check-ins" }).click();
    const krForm = page.getByRole("form", { name: "Add a key result" });
    await krForm.getByLabel("Title").fill("Newsletter signups");
    await krForm.getByLabel("Target").fill("500");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await krForm.getByRole("button", { name: "Add key result" }).click();
    const checkIn = page.getByRole("form", { name: "Check in on Newsletter signups" });
    await checkIn.getByLabel(/Current value/).fill("120");
    await checkIn.getByLabel("Confidence 6 of 10").check();
    await checkIn.getByRole("button", { name: "Check in" }).click();
    await page.getByText("Checked in. The dashboard shows it now.").waitFor();
    await page.getByRole("link", { name: "Dashboard" }).click();
    await page
      .getByRole("region", { name: "Key results" })
      .getByRole("row", { name: /Newsletter signups/ })
      .getByText("120")
      .waitFor();
  });
});
