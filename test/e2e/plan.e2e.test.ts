import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { screenshot, seriousA11yViolations, signIn } from "../support/browser";
import { useE2E } from "../support/e2e";

const e2e = useE2E();

const count = (text: string | null) => Number((text ?? "").replace(/[^\d]/g, ""));

/** The plan's version number, not its relative time ("saved now" turns into "1 second ago"). */
async function versionOf(page: Page): Promise<string | undefined> {
  const text = await page.getByText(/^Version \d+, saved/).textContent();
  return text?.match(/^Version \d+/)?.[0];
}

describe("the plan", () => {
  it("recomputes the reverse funnel in the browser as an exec moves a slider, and saves", async () => {
    const { page } = await e2e.open();
    await signIn(page, "exec@acme.test");
    await page.getByRole("link", { name: "Plan", exact: true }).click();
    const requiredLeads = page.getByTestId("required-leads");
    const before = count(await requiredLeads.textContent());
    expect(before).toBeGreaterThan(0);
    const version = await versionOf(page);

    const slider = page.getByRole("slider", { name: /Lead → MQL/ });
    await slider.focus();
    for (let i = 0; i < 20; i++) await slider.press("ArrowRight");
    await expect.poll(async () => count(await requiredLeads.textContent())).toBeLessThan(before);
    await page
      .getByText(/−[\d,]+ vs saved/)
      .first()
      .waitFor();
    await page.getByText("Unsaved changes").waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "plan");

    await page.getByRole("button", { name: "Save plan" }).click();
    await page.getByText("Saved.").waitFor();
    await page.reload();
    await expect.poll(() => versionOf(page)).not.toBe(version);
    expect(count(await page.getByTestId("required-leads").textContent())).toBeLessThan(before);
  });

  it("refuses a save over someone else's newer version in words, with a reload", async () => {
    const session = await e2e.open();
    session.allow(/status of 412/);
    const { page } = session;
    await signIn(page, "exec@acme.test", "/plan");
    const mine = page.getByRole("slider", { name: /SQL → won/ });
    await mine.focus();
    await mine.press("ArrowLeft");

    const other = await session.newTab();
    await other.goto("/plan");
    const theirs = other.getByRole("slider", { name: /MQL → SQL/ });
    await theirs.focus();
    await theirs.press("ArrowRight");
    await other.getByRole("button", { name: "Save plan" }).click();
    await other.getByText("Saved.").waitFor();
    const newer = await versionOf(other);

    await page.getByRole("button", { name: "Save plan" }).click();
    await page
      .getByText("Not saved: someone else changed this plan since you opened it.")
      .waitFor();
    await page.getByRole("button", { name: "Reload the latest plan" }).click();
    await expect.poll(() => versionOf(page)).toBe(newer);
  });

  it("lets a team lead try what-ifs but not save", async () => {
    const { page } = await e2e.open();
    await signIn(page, "marketing@acme.test", "/plan");
    await page
      .getByText("You can try what-ifs here; only executives and owners can save the plan.")
      .waitFor();
    const slider = page.getByRole("slider", { name: /Average deal size/ });
    const before = count(await page.getByTestId("required-wins").textContent());
    await slider.focus();
    for (let i = 0; i < 10; i++) await slider.press("ArrowRight");
    await expect
      .poll(async () => count(await page.getByTestId("required-wins").textContent()))
      .toBeLessThan(before);
    expect(await page.getByRole("button", { name: "Save plan" }).isDisabled()).toBe(true);
  });
});
