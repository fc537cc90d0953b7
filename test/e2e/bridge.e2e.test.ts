import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { screenshot } from "../support/browser";
import { useE2E } from "../support/e2e";

const e2e = useE2E();

const day = (offset: number) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
};

/** Posts as the app's own pages do: with the page's cookie and Origin, or with an API key. */
async function post(page: Page, path: string, data: unknown, token?: string) {
  const response = await page.request.post(path, {
    data,
    headers: token ? { authorization: `Bearer ${token}` } : { origin: new URL(page.url()).origin },
  });
  if (!response.ok()) throw new Error(`${path}: ${response.status()} ${await response.text()}`);
  return response.json();
}

/** "$1.25M" -> 1250000, "−$400K" -> -400000. */
function money(text: string): number {
  const match = /^([−-])?\$([\d.,]+)([KM]?)$/.exec(text.trim());
  if (!match) throw new Error(`not an amount: ${text}`);
  const scale = match[3] === "M" ? 1e6 : match[3] === "K" ? 1e3 : 1;
  return (match[1] ? -1 : 1) * Number(match[2]?.replaceAll(",", "")) * scale;
}

describe("the gap bridge of a new organization", () => {
  it("blames no lever before any data, then draws 40 leads truthfully", async () => {
    const { page } = await e2e.open();
    await page.goto("/sign-in");
    await post(page, "/api/auth/sign-up/email", {
      name: "Nora New",
      email: "nora@newco.test",
      password: "bridge-password",
    });
    await post(page, "/api/v1/organizations", {
      name: "NewCo",
      currency: "USD",
      timezone: "UTC",
    });
    await post(page, "/api/v1/goals", {
      name: "NewCo quarter",
      startsOn: day(-45),
      endsOn: day(45),
      target: 1_200_000,
      plan: { leadToMql: 0.3, mqlToSql: 0.4, sqlToWon: 0.25, avgDealSize: 20_000 },
    });

    await page.goto("/");
    const bridge = page.getByRole("region", { name: "Why: the gap by lever" });
    await bridge.getByText("No data yet").waitFor();
    expect(await bridge.locator(".bridge-bar").count()).toBe(0);
    expect(await page.getByText(/cost most/).count()).toBe(0);
    await screenshot(page, "dashboard-new-organization-empty");
    const headline = page.locator(".headline");
    await headline.getByText("Not started", { exact: true }).waitFor();
    expect(await headline.getByText("Off track", { exact: true }).count()).toBe(0);
    // Nothing is behind before anything is measured: no red gap, no projection, no -100%.
    const pace = headline.locator(".stat", { hasText: "Ahead or behind pace" });
    expect(await pace.locator(".stat-value").textContent()).toBe("—");
    expect(await headline.locator(".stat .negative, .stat-value.negative").count()).toBe(0);
    const funnel = page.getByRole("region", { name: "Funnel: plan vs actual" });
    await funnel.getByRole("row", { name: /Leads/ }).waitFor();
    expect(await funnel.getByText("-100%").count()).toBe(0);
    // The forecast has nothing but the plan to stand on: no total, no verdict.
    const forecast = page.getByRole("region", { name: "Forecast: where we will land" });
    await forecast.getByText("No forecast yet").waitFor();
    expect(await forecast.locator(".status-badge").count()).toBe(0);

    const { token } = await post(page, "/api/v1/api-keys", { name: "seed" });
    const at = (offset: number) => `${day(offset)}T10:00:00Z`;
    await post(
      page,
      "/api/v1/ingest/leads",
      {
        records: Array.from({ length: 40 }, (_, i) => ({
          externalId: `new-${i}`,
          createdAt: at(-40 + i),
          source: i % 2 ? "webinar" : "paid_search",
          ...(i % 4 === 0 && { mqlAt: at(-39 + i) }),
        })),
      },
      token,
    );
    await page.reload();
    const steps = bridge.getByRole("table", { name: "Gap bridge, step by step" });
    await steps.waitFor();
    await expect.poll(() => bridge.locator(".bridge-bar").count()).toBeGreaterThan(2);

    // The steps add up to the headline's "ahead or behind pace": one baseline.
    const ahead = await page
      .locator(".stat", { hasText: "Ahead or behind pace" })
      .locator(".stat-value")
      .textContent();
    expect(await bridge.locator("figcaption").textContent()).toContain(
      `Actual is ${ahead} against expected to date.`,
    );

    // Every bar lies inside its lane, none is cut at $0 or runs off the side.
    const bars = await bridge.locator(".bridge-row").evaluateAll((rows) =>
      rows.map((row) => {
        const lane = row.querySelector(".bridge-lane")?.getBoundingClientRect();
        const bar = row.querySelector(".bridge-bar")?.getBoundingClientRect();
        return lane && bar
          ? {
              inside: bar.left >= lane.left - 0.5 && bar.right <= lane.right + 0.5,
              width: bar.width,
            }
          : null;
      }),
    );
    for (const bar of bars) {
      expect(bar?.inside).toBe(true);
      expect(bar?.width).toBeGreaterThan(0);
    }

    // Nice ticks, evenly spaced: steps of 1, 2, 2.5 or 5 times a power of ten.
    const ticks = (await bridge.locator(".bridge-tick").allTextContents()).map(money);
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    const step = (ticks[1] ?? 0) - (ticks[0] ?? 0);
    const power = 10 ** Math.floor(Math.log10(step));
    expect([1, 2, 2.5, 5, 10]).toContain(Number((step / power).toFixed(6)));
    for (const [i, tick] of ticks.entries()) {
      expect(tick - (ticks[0] ?? 0)).toBeCloseTo(i * step, 6);
    }
    await screenshot(page, "dashboard-new-organization");
  });
});
