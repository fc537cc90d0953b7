import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { demoPassword } from "../support/browser";
import { useE2E } from "../support/e2e";

const e2e = useE2E();

/**
 * How far the page reaches past the screen's right edge (0 when nothing scrolls sideways).
 * Against the screen, not innerWidth: a mobile browser widens its layout viewport to fit wide
 * content, so innerWidth grows with the very overflow this looks for.
 */
const overflow = (page: Page) =>
  page.evaluate(
    () => document.documentElement.scrollWidth - Math.min(window.innerWidth, window.screen.width),
  );

async function phone(width = 390) {
  return e2e.open({ width, height: 844, phone: true });
}

/** Signs in by tapping, as on a phone; the page is then at the dashboard. */
async function tapSignIn(page: Page, email: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(demoPassword);
  await page.getByRole("button", { name: "Sign in", exact: true }).tap();
  await page.getByRole("button", { name: "Menu" }).waitFor();
}

/** Opens a screen through the phone menu, by tap. */
async function tapTo(page: Page, screen: string): Promise<void> {
  const menu = page.getByRole("button", { name: "Menu" });
  await menu.tap();
  expect(await menu.getAttribute("aria-expanded")).toBe("true");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: screen }).tap();
  // The menu closes once the new page is shown, not at the tap itself.
  await page.getByRole("heading", { name: screen, level: 1 }).waitFor();
  await expect.poll(() => menu.getAttribute("aria-expanded"), { timeout: 10_000 }).toBe("false");
}

describe("on a phone (390 x 844, touch)", () => {
  it("signs in by tap, with nothing off to the side", async () => {
    const { page } = await phone();
    await page.goto("/sign-in");
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await tapSignIn(page, "exec@acme.test");
    await page.getByTestId("headline-actual").waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
  });

  it("shows the sign-up form whole and moves to sign-in by tap", async () => {
    const { page } = await phone();
    await page.goto("/sign-up");
    await page.getByRole("button", { name: "Create account" }).waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.getByRole("link", { name: /Sign in/ }).tap();
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
  });

  it("puts the number first on the dashboard and opens the key results' check-in by tap", async () => {
    const { page } = await phone();
    await tapSignIn(page, "exec@acme.test");
    const number = page.getByTestId("headline-actual");
    await number.waitFor();
    const cards = page.locator("#main .card");
    await expect.poll(() => cards.first().getByTestId("headline-actual").count()).toBe(1);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page
      .getByRole("region", { name: "Key results" })
      .getByRole("link", { name: "Check in" })
      .tap();
    await page.getByRole("heading", { name: "Check-ins", level: 1 }).waitFor();
  });

  it("edits and saves the plan by tap", async () => {
    const { page } = await phone();
    await tapSignIn(page, "owner@acme.test");
    await tapTo(page, "Plan");
    const number = page.getByRole("spinbutton", { name: /Lead → MQL/ });
    await number.fill("27");
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.getByRole("button", { name: "Save plan" }).tap();
    await page.getByText("Saved.").waitFor();
  });

  it("records a check-in in a few taps", async () => {
    const { page } = await phone();
    await tapSignIn(page, "marketing@acme.test");
    await tapTo(page, "Check-ins");
    await page
      .getByRole("navigation", { name: "Key results" })
      .getByRole("button", { name: /Webinar attendance/ })
      .tap();
    const form = page.getByRole("form", { name: "Check in on Webinar attendance" });
    await form.getByLabel(/Current value/).fill("740");
    const eight = form.locator("label.confidence-option", { hasText: /^8$/ });
    const box = await eight.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    await eight.tap();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await form.getByRole("button", { name: "Check in" }).tap();
    await page.getByText("Checked in. The dashboard shows it now.").waitFor();
  });

  it("gives a lead a verdict by tap", async () => {
    const { page } = await phone();
    await tapSignIn(page, "sales@acme.test");
    await tapTo(page, "Lead quality");
    const accept = page
      .locator(".verdict-row:not(.judged)")
      .first()
      .getByRole("button", { name: /^Accept / });
    const name = (await accept.getAttribute("aria-label")) ?? "";
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await accept.tap();
    await page.getByRole("button", { name, exact: true }).waitFor({ state: "detached" });
  });

  it("shows attribution, its wide chart scrolling inside its card", async () => {
    const { page } = await phone();
    await tapSignIn(page, "exec@acme.test");
    await tapTo(page, "Attribution");
    await page.getByRole("heading", { name: "Attribution", level: 1 }).waitFor();
    await page.locator(".recharts-bar-rectangle").first().waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
  });

  it("changes a setting by tap", async () => {
    const { page } = await phone();
    await tapSignIn(page, "owner@acme.test");
    await tapTo(page, "Settings");
    const form = page.getByRole("form", { name: "Create an API key" });
    await form.getByLabel("Key name").fill("Phone CRM sync");
    await form.getByRole("button", { name: "Create key" }).tap();
    await page.getByTestId("secret-value").waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
  });

  it("closes the menu with Escape and gives focus back to its button", async () => {
    const { page } = await phone();
    await tapSignIn(page, "exec@acme.test");
    const menu = page.getByRole("button", { name: "Menu" });
    await menu.tap();
    await page.getByRole("navigation", { name: "Main" }).waitFor();
    await page.keyboard.press("Escape");
    await expect.poll(() => menu.getAttribute("aria-expanded"), { timeout: 10_000 }).toBe("false");
    expect(await menu.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it("has nothing off to the side at 360 px on any screen", async () => {
    const { page } = await phone(360);
    for (const path of ["/sign-in", "/sign-up"]) {
      await page.goto(path);
      await page.getByRole("heading").first().waitFor();
      expect(await overflow(page), path).toBeLessThanOrEqual(0);
    }
    await tapSignIn(page, "owner@acme.test");
    for (const path of [
      "/",
      "/forecast",
      "/plan",
      "/check-ins",
      "/lead-quality",
      "/attribution",
      "/settings",
    ]) {
      await page.goto(path);
      await page.locator("#main h1").waitFor();
      await page.locator("#main .card").first().waitFor();
      expect(await overflow(page), path).toBeLessThanOrEqual(0);
    }
  });
});
