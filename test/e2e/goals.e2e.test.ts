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
    await page.getByRole("button", { name: "Create next period's goal" }).click();
    const picker = page.getByRole("combobox", { name: /^Goal/ });
    await expect
      .poll(() => picker.locator("option:checked").textContent())
      .toBe("Q1 2027 shared revenue");
    await page.getByText(/^Create the goal of the period after Mar 31, 2027/).waitFor();
    await screenshot(page, "plan-next-period");

    await page.getByRole("link", { name: "Dashboard", exact: true }).click();
    await picker.selectOption({ label: "Q4 2026 shared revenue" });
    await page
      .getByText(/^Last period, Q3 2026 shared revenue: \$[\d,]+ of \$[\d,]+ \(\d+% of target\)$/)
      .waitFor();
    await screenshot(page, "dashboard-last-period");

    await picker.selectOption({ label: "Q3 2026 shared revenue" });
    await page.getByText("Closed period: its final result").waitFor();
    await page.getByText(/^The period closed at/).waitFor();
    expect(await page.getByText("Live", { exact: true }).count()).toBe(0);
    await screenshot(page, "dashboard-closed-period");
  });
});
