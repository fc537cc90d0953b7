import { join } from "node:path";
import * as OTPAuth from "otpauth";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  demoPassword,
  screenshot,
  screenshotDir,
  seriousA11yViolations,
  signIn,
} from "../support/browser";
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

// Two-factor sign-in used to be a file of its own (two-factor.e2e): each file starts a server,
// the costliest part of a one-test flow. It runs last: once it requires two-factor of everyone,
// no other demo person signs in with a password alone.
const shoot = (part: Locator | Page, name: string) =>
  part.screenshot({ path: join(screenshotDir, `${name}.png`) });

/** The authenticator app: codes from the secret the screen shows. */
async function authenticatorFrom(page: Page): Promise<OTPAuth.TOTP> {
  const secret = (await page.getByTestId("totp-secret").textContent()) ?? "";
  expect(secret.length).toBeGreaterThan(20);
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) });
}

/** Password, then "Set up", then the app's first code: as a person enrols. */
async function enrol(page: Page, scope: Locator | Page): Promise<OTPAuth.TOTP> {
  await scope.getByLabel("Your password").fill(demoPassword);
  await scope.getByRole("button", { name: "Set up two-factor" }).click();
  const totp = await authenticatorFrom(page);
  expect(
    await scope.getByRole("list", { name: "Recovery codes" }).getByRole("listitem").count(),
  ).toBe(10);
  await scope.getByLabel("Code from the app").fill(totp.generate());
  return totp;
}

describe("two-factor sign-in", () => {
  it("enrols from Settings, signs in with a code, and sends members without it to enrol", async () => {
    const settings = await e2e.open();
    await signIn(settings.page, "owner@acme.test", "/settings#two-factor");
    const section = settings.page.getByRole("region", { name: "Two-factor sign-in" });
    const totp = await enrol(settings.page, section);
    expect(await seriousA11yViolations(settings.page)).toEqual([]);
    await shoot(section, "settings-two-factor-enrol");
    await section.getByRole("button", { name: "Turn on" }).click();
    await section.getByText("Two-factor sign-in is on.").waitFor();
    const requireIt = section.getByLabel(/Require two-factor sign-in of everyone/);
    // A click, not check(): the box is controlled by the request it starts, so it may read
    // unchecked for a tick after the click; the poll waits for what the server confirms.
    await requireIt.click();
    await expect.poll(() => requireIt.isChecked()).toBe(true);
    await section.getByText("Members without it are asked").waitFor();

    // Signing in again: the password, then the second step.
    const again = await e2e.open();
    await again.page.goto("/sign-in");
    await again.page.getByLabel("Email").fill("owner@acme.test");
    await again.page.getByLabel("Password").fill(demoPassword);
    await again.page.getByRole("button", { name: "Sign in", exact: true }).click();
    const step = again.page.getByRole("form", { name: "Second step" });
    await step.getByLabel("Code from the app").fill("000000");
    again.allow(/status of 401/);
    await step.getByRole("button", { name: "Verify" }).click();
    await step.getByText("That code does not match.").waitFor();
    await shoot(again.page, "sign-in-second-step");
    await step.getByLabel("Code from the app").fill(totp.generate());
    await step.getByRole("button", { name: "Verify" }).click();
    await again.page.getByRole("navigation", { name: "Main" }).waitFor();

    // A member without two-factor, on a phone, is sent to enrol before anything else.
    const phone = await e2e.open({ width: 360, height: 780, phone: true });
    phone.allow(/status of 403/);
    await phone.page.goto("/sign-in");
    await phone.page.getByLabel("Email").fill("exec@acme.test");
    await phone.page.getByLabel("Password").fill(demoPassword);
    await phone.page.getByRole("button", { name: "Sign in", exact: true }).tap();
    await phone.page.getByRole("heading", { name: "Set up two-factor sign-in" }).waitFor();
    await enrol(phone.page, phone.page);
    const width = await phone.page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await shoot(phone.page, "enrol-two-factor-phone");
    await phone.page.getByRole("button", { name: "Turn on" }).tap();
    await phone.page.getByRole("button", { name: "Menu" }).waitFor();
  });
});
