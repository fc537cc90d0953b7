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

// Flows that used to be files of their own (forecast.e2e, goals.e2e): each file starts a
// server, the costliest part of a one-test flow. They run after the plan's tests, in this
// order, so the plan's tests see the demo's plan alone and next quarter's goal comes last.
describe("forecast", () => {
  it("shows where the period lands on the dashboard, takes sales' call on the Forecast page, and plans leads for the lag", async () => {
    const session = await e2e.open();
    session.allow(/status of 422/);
    const { page } = session;
    await signIn(page, "sales@acme.test");
    const card = page.getByRole("region", { name: "Forecast: where we will land" });
    await card.getByTestId("forecast-total").waitFor();
    await card.getByText("Open pipeline").waitFor();
    await card.getByText(/Run rate/).waitFor();

    await page.getByRole("link", { name: "Forecast", exact: true }).click();
    await page.getByRole("heading", { name: "Forecast", level: 1 }).waitFor();
    const calls = page.getByRole("region", { name: "The teams' calls" });
    const form = calls.getByRole("form", { name: "Make this week's call" });
    await form.getByText("Calling for").waitFor();

    // A best case under the commit is refused next to the field, and nothing is saved.
    await form.getByLabel(/Commit/).fill("900000");
    await form.getByLabel(/Best case/).fill("800000");
    await form.getByRole("button", { name: "Make the call" }).click();
    await form.getByText("Must be at least the commit.").waitFor();
    expect(await calls.getByRole("row", { name: /Joint call/ }).textContent()).toContain("—");

    await form.getByLabel(/Best case/).fill("1100000");
    await form.getByLabel("Note").fill("E2E: two renewals signed early");
    await form.getByRole("button", { name: "Make the call" }).click();
    await form.getByText("Called. The joint call includes it now.").waitFor();
    const salesRow = calls.getByRole("row", { name: /Sales/ });
    await salesRow.getByText("$900,000").waitFor();
    await salesRow.getByText("E2E: two renewals signed early", { exact: false }).waitFor();
    await calls
      .getByRole("row", { name: /Joint call/ })
      .getByText("$1,100,000")
      .waitFor();

    // Sales' part by forecast category (decision 061): the demo's quarter is past its day 45,
    // so the categories with enough won deals are valued with their own history.
    const categories = page.getByRole("region", { name: "Pipeline by forecast category" });
    await categories.getByRole("row", { name: /Commit/ }).waitFor();
    await categories.getByRole("row", { name: /Open pipeline/ }).waitFor();
    await categories
      .getByText(/valued on its own history/)
      .first()
      .waitFor();

    // The closed quarters' accuracy, week by week, and the lag profile.
    await page
      .getByRole("table", { name: /Accuracy by week/ })
      .getByRole("row", { name: /Final/ })
      .waitFor();
    await page.getByText("Median lead → won").waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "forecast");

    await page.getByRole("link", { name: "Plan", exact: true }).click();
    await expect
      .poll(() => page.getByTestId("lag-aware-sentence").textContent())
      .toMatch(/wins are already in hand/);
  });
});

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
