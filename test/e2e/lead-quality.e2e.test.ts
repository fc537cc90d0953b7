import { describe, expect, it } from "vitest";
import { postFromPage } from "../support/api";
import { screenshot, seriousA11yViolations, signIn } from "../support/browser";
import { useE2E } from "../support/e2e";

const e2e = useE2E();

const day = (offset: number) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
};

/** Posts as the app's own pages do: with the page's cookie and Origin, or with an API key. */

describe("lead quality", () => {
  it("works on a small organization fed through the ingest API", async () => {
    const { page } = await e2e.open();
    await page.goto("/sign-in");
    await postFromPage(page, "/api/auth/sign-up/email", {
      name: "Lee Quality",
      email: "lee@initech.test",
      password: "quality-password",
    });
    await postFromPage(page, "/api/v1/organizations", {
      name: "Initech",
      currency: "GBP",
      timezone: "Europe/London",
    });
    await postFromPage(page, "/api/v1/goals", {
      name: "Initech quarter",
      startsOn: day(-30),
      endsOn: day(30),
      target: 100_000,
      plan: { leadToMql: 0.5, mqlToSql: 0.5, sqlToWon: 0.5, avgDealSize: 5_000 },
    });
    const { token } = await postFromPage(page, "/api/v1/api-keys", { name: "seed" });
    const at = (offset: number, hour: number) =>
      `${day(offset)}T${String(hour).padStart(2, "0")}:00:00Z`;
    const leads = [
      {
        externalId: "ini-1",
        createdAt: at(-5, 9),
        source: "referral",
        mqlAt: at(-5, 10),
        sqlAt: at(-4, 9),
        firstContactAt: at(-5, 11),
      },
      {
        externalId: "ini-2",
        createdAt: at(-5, 9),
        source: "referral",
        mqlAt: at(-5, 12),
        firstContactAt: at(-4, 12),
      },
      {
        externalId: "ini-3",
        createdAt: at(-4, 9),
        source: "paid_search",
        mqlAt: at(-4, 10),
        name: "Ada Byron",
        email: "ada@analytical.example",
        company: "Analytical Engines",
        owner: "Jordan Ellis",
        url: "https://crm.example/leads/ini-3",
      },
      {
        externalId: "ini-4",
        createdAt: at(-4, 9),
        source: "paid_search",
        mqlAt: at(-3, 10),
        firstContactAt: at(-1, 10),
      },
      { externalId: "ini-5", createdAt: at(-3, 9), source: "paid_search", campaign: "Brand" },
    ];
    await postFromPage(page, "/api/v1/ingest/leads", { records: leads }, token);
    await postFromPage(
      page,
      "/api/v1/ingest/deals",
      {
        records: [
          {
            externalId: "ini-d1",
            leadExternalId: "ini-1",
            amount: 7_500,
            status: "won",
            createdAt: at(-4, 10),
            closedAt: at(-2, 10),
          },
        ],
      },
      token,
    );

    await page.goto("/lead-quality");
    const table = page.getByRole("table", { name: "Lead quality by source" });
    await table.getByRole("row", { name: /Referral/ }).waitFor();
    await table.getByRole("row", { name: /Paid search/ }).waitFor();
    expect(await table.getByRole("row", { name: /All sources/ }).textContent()).toContain("£7,500");
    const waiting = page.getByRole("list", { name: "Leads awaiting a verdict" });
    await waiting.getByText("ini-3", { exact: true }).waitFor();
    // Newest hand-over first: the time each row shows, not when the CRM created the lead.
    expect(await waiting.locator("li code").allTextContents()).toEqual([
      "ini-4",
      "ini-3",
      "ini-1",
      "ini-2",
    ]);
    const ada = waiting.getByRole("listitem").filter({ hasText: "Ada Byron" });
    await ada.getByText("Analytical Engines").waitFor();
    expect(
      await ada.getByRole("link", { name: "ada@analytical.example" }).getAttribute("href"),
    ).toBe("mailto:ada@analytical.example");
    expect(await ada.getByRole("link", { name: /Open in the CRM/ }).getAttribute("href")).toBe(
      "https://crm.example/leads/ini-3",
    );
    await ada.getByText(/owner Jordan Ellis/).waitFor();
    await screenshot(page, "lead-quality-verdicts");

    await waiting.getByRole("button", { name: "Accept ini-1" }).click();
    await ada.getByRole("button", { name: "Reject Ada Byron" }).click();
    const form = ada.getByRole("form", { name: "Reject Ada Byron" });
    // No reason is chosen for sales: rejecting asks for one.
    expect(await form.getByLabel("Reason").inputValue()).toBe("");
    await form.getByRole("button", { name: "Reject" }).click();
    expect(
      await form.getByLabel("Reason").evaluate((e) => (e as HTMLSelectElement).validity.valid),
    ).toBe(false);
    await form.getByLabel("Reason").selectOption("not_icp");
    await form.getByRole("button", { name: "Reject" }).click();
    await expect.poll(() => waiting.getByText("ini-3", { exact: true }).count()).toBe(0);
    const paid = table.getByRole("row", { name: /Paid search/ });
    await expect.poll(() => paid.textContent()).toContain("Not our ideal customer (1)");

    // The two left, at once.
    await page.getByRole("checkbox", { name: "Select ini-4" }).check();
    await page.getByRole("checkbox", { name: "Select ini-2" }).check();
    await page.getByRole("button", { name: "Accept selected (2)" }).click();
    await page.getByText("Nothing waiting").waitFor();
    const given = page.getByRole("list", { name: "Verdicts you just gave" });
    expect(await given.getByRole("listitem").count()).toBe(4);

    await page
      .getByRole("region", { name: "Why sales rejects leads" })
      .locator(".recharts-bar-rectangle")
      .first()
      .waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "lead-quality-small");

    // A changed mind: the verdict goes, and the lead is back to judge.
    await given.getByRole("button", { name: "Undo the verdict on Ada Byron" }).click();
    await waiting.getByRole("button", { name: "Accept Ada Byron" }).waitFor();
    await expect.poll(() => paid.textContent()).not.toContain("Not our ideal customer (1)");
  });

  it("shows each source's conversion, sales' verdicts and speed-to-lead, and takes a verdict", async () => {
    const { page } = await e2e.open();
    await signIn(page, "sales@acme.test");
    await page.getByRole("link", { name: "Lead quality" }).click();
    const table = page.getByRole("table", { name: "Lead quality by source" });
    await table.waitFor();
    expect(await table.locator("tbody tr").count()).toBeGreaterThan(2);
    await table.getByRole("row", { name: /All sources/ }).waitFor();
    await page
      .getByRole("region", { name: "Why sales rejects leads" })
      .locator(".recharts-bar-rectangle")
      .first()
      .waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "lead-quality");

    const waiting = page.getByRole("list", { name: "Leads awaiting a verdict" });
    const first = waiting.getByRole("listitem").first();
    const id = (await first.locator("code").textContent()) ?? "";
    await first.getByRole("button", { name: `Accept ${id}` }).click();
    await expect.poll(() => waiting.getByText(id, { exact: true }).count()).toBe(0);

    const next = waiting.getByRole("listitem").first();
    const rejected = (await next.locator("code").textContent()) ?? "";
    await next.getByRole("button", { name: `Reject ${rejected}` }).click();
    const form = next.getByRole("form", { name: `Reject ${rejected}` });
    await form.getByLabel("Reason").selectOption("no_budget");
    await form.getByLabel("Note").fill("E2E: budget frozen until Q2");
    await form.getByRole("button", { name: "Reject" }).click();
    await expect.poll(() => waiting.getByText(rejected, { exact: true }).count()).toBe(0);

    await page.getByRole("radio", { name: "By campaign" }).check();
    await page
      .getByRole("table", { name: "Lead quality by source and campaign" })
      .waitFor({ timeout: 20_000 });
  });
});
