import { describe, expect, it } from "vitest";
import { screenshot, seriousA11yViolations, signIn } from "../support/browser";
import { useE2E } from "../support/e2e";

const e2e = useE2E();

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
