import { describe, expect, it } from "vitest";
import { screenshot, seriousA11yViolations, signIn } from "../support/browser";
import { useE2E } from "../support/e2e";

const e2e = useE2E();

describe("check-ins", () => {
  it("puts the lead's own team first, takes a check-in, and the dashboard reflects it", async () => {
    // An executive watches the dashboard while the lead checks in elsewhere.
    const exec = await e2e.open();
    await signIn(exec.page, "exec@acme.test");
    await exec.page.getByText("Live", { exact: true }).waitFor();

    const { page } = await e2e.open();
    await signIn(page, "marketing@acme.test");
    await page.getByRole("link", { name: "Check-ins" }).click();
    const list = page.getByRole("navigation", { name: "Key results" });
    await expect
      .poll(() => list.getByRole("heading").first().textContent())
      .toBe("Your team: Marketing");

    await list.getByRole("button", { name: /Webinar attendance/ }).click();
    const form = page.getByRole("form", { name: "Check in on Webinar attendance" });
    await form.getByLabel(/Current value/).fill("731");
    await form.getByLabel("Confidence 8 of 10").check();
    const note = "E2E: two more webinars booked for December";
    await form.getByLabel("Note").fill(note);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "check-ins");
    await form.getByRole("button", { name: "Check in" }).click();
    await page.getByText("Checked in. The dashboard shows it now.").waitFor();
    await page.getByRole("list", { name: "Check-in history" }).getByText(note).waitFor();

    // Without a reload, over the live stream.
    await exec.page
      .getByRole("region", { name: "Check-ins from both teams" })
      .getByText(note)
      .waitFor({ timeout: 5_000 });

    await page.getByRole("link", { name: "Dashboard" }).click();
    const feed = page.getByRole("region", { name: "Check-ins from both teams" });
    await feed.getByText(note).waitFor();
    const row = page
      .getByRole("region", { name: "Key results" })
      .getByRole("row", { name: /Webinar attendance/ });
    await row.getByText("731").waitFor();
  });

  it("refuses a check-in on a stale version in words, keeps the entries, and saves after a reload", async () => {
    const session = await e2e.open();
    session.allow(/status of 412/);
    const { page } = session;
    await signIn(page, "sales@acme.test", "/check-ins");
    await page
      .getByRole("navigation", { name: "Key results" })
      .getByRole("button", { name: /Pipeline reviews held/ })
      .click();
    const form = page.getByRole("form", { name: "Check in on Pipeline reviews held" });
    await form.getByLabel("Note").fill("From the first tab");

    // Meanwhile, a second tab checks in on the same key result.
    const other = await session.newTab();
    await other.goto("/check-ins");
    await other
      .getByRole("navigation", { name: "Key results" })
      .getByRole("button", { name: /Pipeline reviews held/ })
      .click();
    const otherForm = other.getByRole("form", { name: "Check in on Pipeline reviews held" });
    await otherForm.getByLabel("Note").fill("From the second tab");
    await otherForm.getByRole("button", { name: "Check in" }).click();
    await other.getByText("Checked in. The dashboard shows it now.").waitFor();

    await form.getByRole("button", { name: "Check in" }).click();
    await page
      .getByText("Not saved: someone checked in on this key result since you opened it.")
      .waitFor();
    expect(await form.getByLabel("Note").inputValue()).toBe("From the first tab");
    await page.getByRole("button", { name: "Reload" }).click();
    await page
      .getByRole("list", { name: "Check-in history" })
      .getByText("From the second tab")
      .waitFor();
    await form.getByRole("button", { name: "Check in" }).click();
    await page.getByText("Checked in. The dashboard shows it now.").waitFor();
    await page
      .getByRole("list", { name: "Check-in history" })
      .getByText("From the first tab")
      .waitFor();
  });

  it("tells a lead why they cannot check in for the other team", async () => {
    const { page } = await e2e.open();
    await signIn(page, "sales@acme.test", "/check-ins");
    await page
      .getByRole("navigation", { name: "Key results" })
      .getByRole("button", { name: /Webinar attendance/ })
      .click();
    await page
      .getByText("Only Marketing's lead, an executive or an owner checks in on this key result.")
      .waitFor();
    expect(await page.getByRole("button", { name: "Check in", exact: true }).count()).toBe(0);
  });
});
