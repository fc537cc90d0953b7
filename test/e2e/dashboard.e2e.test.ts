import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { screenshot, seriousA11yViolations, signIn } from "../support/browser";
import { useE2E } from "../support/e2e";
import { repoRoot } from "../support/server";

const e2e = useE2E();

describe("the dashboard", () => {
  it("shows the one number, its status in words and the gap bridge by lever", async () => {
    const { page } = await e2e.open();
    await signIn(page, "exec@acme.test");
    const actual = page.getByTestId("headline-actual");
    await expect.poll(() => actual.textContent()).toMatch(/^\$[\d,]+$/);
    await expect.poll(() => page.getByText(/of \$[\d,]+ target/).count()).toBe(1);
    await page
      .getByText(/^(On track|At risk|Off track)$/)
      .first()
      .waitFor();
    await page.getByText(/At this pace the company books/).waitFor();

    const bridge = page.getByRole("region", { name: "Why: the gap by lever" });
    const steps = bridge.getByRole("table", { name: "Gap bridge, step by step" });
    // The cards under the headline render once it is painted (decision 053).
    await steps.waitFor();
    const names = await steps.locator("tbody tr .bridge-name").allTextContents();
    // The demo plan's leads are explicit, so the plan itself differs from the target.
    expect(names).toEqual([
      "Expected to date",
      "Plan vs target",
      "Activity",
      "Lead→MQL",
      "MQL→SQL",
      "SQL→won",
      "Deal size",
      "Actual",
    ]);
    // Each lever names the team that mostly moves it.
    const owner = (key: string) => steps.getByTestId(`bridge-${key}`).locator(".bridge-owner");
    expect(await owner("activity").textContent()).toBe("Marketing");
    expect(await owner("mqlToSql").textContent()).toBe("Both teams");
    expect(await owner("sqlToWon").textContent()).toBe("Sales");
    expect(await steps.getByTestId("bridge-planVsTarget").locator(".bridge-owner").count()).toBe(0);
    await expect.poll(() => bridge.locator(".bridge-bar").count()).toBe(8);
    // One baseline: the bridge adds up to the headline's "ahead or behind pace", to the dollar.
    const ahead = await page
      .locator(".stat", { hasText: "Ahead or behind pace" })
      .locator(".stat-value")
      .textContent();
    expect(ahead).toMatch(/^[+−-]\$[\d,]+$/);
    expect(await bridge.locator("figcaption").textContent()).toContain(
      `Actual is ${ahead} against expected to date.`,
    );

    await page
      .getByRole("region", { name: "Cumulative revenue" })
      .locator(".recharts-line")
      .first()
      .waitFor();
    await page.getByRole("region", { name: "Key results" }).getByRole("table").waitFor();
    await page
      .getByRole("region", { name: "Check-ins from both teams" })
      .getByRole("listitem")
      .first()
      .waitFor();

    expect(await seriousA11yViolations(page)).toEqual([]);
    const path = await screenshot(page, "dashboard-light");
    mkdirSync(join(repoRoot, "docs/screenshots"), { recursive: true });
    copyFileSync(path, join(repoRoot, "docs/screenshots/dashboard.png"));
  });

  it("loads its data in one request sent from the page's head, not a chain after the script", async () => {
    const { page } = await e2e.open();
    await signIn(page, "exec@acme.test");
    const asked: string[] = [];
    page.on("request", (request) => {
      const { pathname } = new URL(request.url());
      if (pathname.startsWith("/api/")) asked.push(pathname);
    });
    await page.reload();
    await expect
      .poll(() => page.getByTestId("headline-actual").textContent())
      .toMatch(/^\$[\d,]+$/);
    // The headline is drawn from /api/v1/first-screen alone: the session, /me, the goals and
    // the summary are in its answer, so none of them is asked for again.
    const before = asked.slice(0, asked.indexOf("/api/v1/first-screen") + 1);
    expect(before).toEqual(["/api/v1/first-screen"]);
    for (const path of ["/api/auth/get-session", "/api/v1/me", "/api/v1/goals"]) {
      expect(asked).not.toContain(path);
    }
    // The one summary asked for is the previous period's, for the headline's comparison.
    expect(
      asked.filter((path) => /^\/api\/v1\/goals\/[^/]+\/summary$/.test(path)).length,
    ).toBeLessThanOrEqual(1);
  });

  it("looks back with the as-of date", async () => {
    const { page } = await e2e.open();
    await signIn(page, "exec@acme.test");
    const asOf = page.getByLabel("As of");
    const start = await asOf.getAttribute("min");
    expect(start).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const earlier = new Date(`${start}T12:00:00Z`);
    earlier.setUTCDate(earlier.getUTCDate() + 9);
    const day = earlier.toISOString().slice(0, 10);
    const before = await page.getByTestId("headline-actual").textContent();
    await asOf.fill(day);
    await page.waitForURL(new RegExp(`asOf=${day}`));
    await expect.poll(() => page.getByTestId("headline-actual").textContent()).not.toBe(before);
    await page.getByText(/day 10 of \d+/).waitFor();
    await page.getByRole("button", { name: "Today" }).click();
    await expect.poll(() => page.getByTestId("headline-actual").textContent()).toBe(before);
  });

  it("has a dark theme that follows the system and a toggle that sticks", async () => {
    const { page } = await e2e.open({ colorScheme: "dark" });
    await signIn(page, "owner@acme.test");
    await page.getByTestId("headline-actual").waitFor();
    await page.locator(".bridge-bar").first().waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "dashboard-dark");

    await page.getByRole("button", { name: "Switch to light theme" }).click();
    await page.reload();
    await page.getByTestId("headline-actual").waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("light");
    await page.getByRole("button", { name: "Switch to dark theme" }).waitFor();
  });
});
