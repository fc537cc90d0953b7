import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { demoPassword, screenshotDir, seriousA11yViolations, signIn } from "../support/browser";
import { useE2E } from "../support/e2e";

const e2e = useE2E();

const overflow = (page: Page) =>
  page.evaluate(
    () => document.documentElement.scrollWidth - Math.min(window.innerWidth, window.screen.width),
  );

/** The section alone: a full page of Settings is too long to look at. */
const shoot = (section: Locator, name: string) =>
  section.screenshot({ path: join(screenshotDir, `${name}.png`) });

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
