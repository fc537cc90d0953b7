import { describe, expect, it } from "vitest";
import { apiCall, apiSignIn, expectJson } from "../support/api";
import { screenshot, signIn } from "../support/browser";
import { useE2E } from "../support/e2e";

const e2e = useE2E();

describe("the audit log", () => {
  it("reads in sentences and filters by person, kind and day", async () => {
    const origin = e2e.baseUrl();
    const cookie = await apiSignIn(origin, "marketing@acme.test", "tandem-demo");
    const goals = (await expectJson(
      await apiCall(origin, "GET", "/api/v1/goals", { cookie }),
      200,
    )) as {
      goals: { id: string; startsOn: string; endsOn: string }[];
    };
    const today = new Date().toISOString().slice(0, 10);
    const current = goals.goals.find((g) => g.startsOn <= today && today <= g.endsOn);
    const list = (await expectJson(
      await apiCall(origin, "GET", `/api/v1/goals/${current?.id}/key-results`, { cookie }),
      200,
    )) as { keyResults: { id: string; title: string; version: number }[] };
    const webinars = list.keyResults.find((k) => k.title === "Webinar attendance");
    await expectJson(
      await apiCall(origin, "POST", `/api/v1/key-results/${webinars?.id}/check-ins`, {
        cookie,
        headers: { "if-match": `"${webinars?.version}"` },
        body: { value: 731, confidence: 8 },
      }),
      201,
    );

    {
      const { page } = await e2e.open();
      await signIn(page, "owner@acme.test", "/settings#audit");
      const log = page.getByRole("list", { name: "Audit log entries" });
      const sentence = "Priya Raman (Marketing lead) checked in on Webinar attendance: 731";
      await log.getByText(sentence).waitFor();
      const filters = page.getByRole("form", { name: "Filter the audit log" });
      await filters.getByLabel("Kind").selectOption({ label: "Check-ins" });
      await filters.getByLabel("Person").selectOption({ label: "Priya Raman" });
      await log.getByText(sentence).waitFor();
      await expect.poll(() => log.getByRole("listitem").count()).toBe(1);
      await screenshot(page, "settings-audit");
      await filters.getByLabel("From").fill("2099-01-01");
      await page.getByText("No change matches these filters.").waitFor();
    }
  });
});
