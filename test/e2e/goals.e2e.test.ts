import { describe, expect, it } from "vitest";
import { screenshot, signIn } from "../support/browser";
import { useE2E } from "../support/e2e";

const e2e = useE2E();

describe("goals over time", () => {
  it("creates next quarter's goal from this one, shows last period beside this one, and browses a closed period", async () => {
    // Last quarter's goal is the demo's own (it keeps the goals of its closed quarters).
    const { page } = await e2e.open();
    await signIn(page, "exec@acme.test");
    await page.getByRole("link", { name: "Plan", exact: true }).click();
    const copied = page.getByText(/^Its (\d+) key results come along: the same teams/);
    const count = Number(/Its (\d+)/.exec((await copied.textContent()) ?? "")?.[1]);
    expect(count).toBeGreaterThan(1);
    await page.getByRole("button", { name: "Create next period's goal" }).click();
    const picker = page.getByRole("combobox", { name: /^Goal/ });
    await expect
      .poll(() => picker.locator("option:checked").textContent())
      .toBe("Q1 2027 shared revenue");
    await page.getByText(/^Create the goal of the period after Mar 31, 2027/).waitFor();
    await screenshot(page, "plan-next-period");

    // The key results came along, afresh: none has a check-in in the new quarter.
    const nextGoal = new URL(page.url()).searchParams.get("goal");
    await page.goto(`/check-ins?goal=${nextGoal}`);
    const list = page.getByRole("navigation", { name: "Key results" });
    await expect.poll(() => list.getByRole("button").count()).toBe(count);
    expect(await list.getByText("Not started").count()).toBeGreaterThan(0);
    expect(await list.getByText("Off track").count()).toBe(0);

    await page.getByRole("link", { name: "Dashboard", exact: true }).click();
    await picker.selectOption({ label: "Q4 2026 shared revenue" });
    await page
      .getByText(
        /^Last period, Q3 2026 shared revenue: \$[\d,]+ of \$[\d,]+ \(\d+% of target\), (met|missed by)/,
      )
      .waitFor();
    await screenshot(page, "dashboard-last-period");

    await picker.selectOption({ label: "Q3 2026 shared revenue" });
    await page.getByText("Closed period: its final result").waitFor();
    await page.getByText(/^The period closed at .*: (met|missed by)/).waitFor();
    // A closed period is judged by its result, with the amount, not by its pace.
    const badge = page.locator(".headline .status-badge");
    expect(await badge.textContent()).toMatch(/^(Met(, \$[\d,]+ over)?|Missed by \$[\d,]+)$/);
    // The forecast card of a closed period says the same, not a pace verdict.
    const forecastBadge = page
      .getByRole("region", { name: "Forecast: where we will land" })
      .locator(".status-badge");
    await expect.poll(() => forecastBadge.textContent()).toBe(await badge.textContent());
    expect(await page.getByText("Live", { exact: true }).count()).toBe(0);
    await screenshot(page, "dashboard-closed-period");
  });
});
