import { join } from "node:path";
import * as OTPAuth from "otpauth";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { demoPassword, screenshotDir, seriousA11yViolations, signIn } from "../support/browser";
import { useE2E } from "../support/e2e";

const e2e = useE2E();

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
