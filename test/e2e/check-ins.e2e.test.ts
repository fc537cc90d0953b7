import { DEMO_GOAL_ID } from "@tandem/db/demo";
import { describe, expect, it } from "vitest";
import { apiCall, apiSignIn, expectJson } from "../support/api";
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

// Corrections used to be a file of their own (corrections.e2e): each file starts a server, the
// costliest part of a short flow. They run after the check-ins above, so those see the demo's
// key results as seeded (one is archived and restored here).
async function openDisplay(origin: string): Promise<string> {
  const cookie = await apiSignIn(origin, "owner@acme.test", "tandem-demo");
  const goals = await expectJson(await apiCall(origin, "GET", "/api/v1/goals", { cookie }), 200);
  // The current quarter's: the demo also holds the closed quarters' goals.
  const goalId = (goals as { goals: { id: string }[] }).goals.find(
    (g) => g.id === DEMO_GOAL_ID,
  )?.id;
  const display = await expectJson(
    await apiCall(origin, "POST", "/api/v1/displays", {
      cookie,
      body: { name: "E2E corrections", goalId },
    }),
    201,
  );
  return (display as { url: string }).url;
}

describe("corrections", () => {
  it("edits a check-in (asking about a far-off value) and deletes it, and the TV follows", async () => {
    const tv = (await e2e.open({ width: 1920, height: 1080 })).page;
    await tv.goto(`${await openDisplay(e2e.baseUrl())}?panel=wins`);
    await tv.locator('[data-connection="live"]').waitFor();

    const session = await e2e.open();
    session.allow(/status of 422/);
    const { page } = session;
    await signIn(page, "marketing@acme.test");
    await page.goto("/check-ins");
    await page
      .getByRole("navigation", { name: "Key results" })
      .getByRole("button", { name: /Webinar attendance/ })
      .click();
    const form = page.getByRole("form", { name: "Check in on Webinar attendance" });
    await form.getByLabel(/Current value/).fill("731");
    const note = `E2E typo ${Date.now()}`;
    await form.getByLabel("Note").fill(note);
    await form.getByRole("button", { name: "Check in" }).click();
    await tv.getByText(`“${note}”`).waitFor();

    const history = page.getByRole("list", { name: "Check-in history" });
    const item = history.getByRole("listitem").filter({ hasText: note });
    await item.getByRole("button", { name: /^Edit the check-in/ }).click();
    const correction = item.getByRole("form", { name: "Correct this check-in" });
    await correction.getByLabel(/Current value/).fill("73100");
    const fixed = `${note}, corrected`;
    await correction.getByLabel("Note").fill(fixed);
    await correction.getByRole("button", { name: "Save correction" }).click();
    // Far outside the range: asked, next to the value, and said once.
    await correction.getByText(/73,100 is far outside the range/).waitFor();
    expect(await page.getByText(/is far outside the range/).count()).toBe(1);
    await screenshot(page, "check-ins-correction");
    await correction.getByLabel(/Current value/).fill("741");
    await correction.getByRole("button", { name: "Save correction" }).click();
    await history.getByText(fixed).waitFor();
    await history.getByText(/^741 ·/).waitFor();
    await tv.getByText(`“${fixed}”`).waitFor();
    expect(await tv.getByText(`“${note}”`).count()).toBe(0);

    const corrected = history.getByRole("listitem").filter({ hasText: fixed });
    await corrected.getByRole("button", { name: /^Delete the check-in/ }).click();
    await corrected.getByRole("button", { name: "Delete it" }).click();
    await expect.poll(() => history.getByText(fixed).count()).toBe(0);
    await expect.poll(() => tv.getByText(`“${fixed}”`).count()).toBe(0);
  });

  it("archives a key result: it leaves the list and the dashboard", async () => {
    const session = await e2e.open();
    session.allow(/status of 422/);
    const { page } = session;
    await signIn(page, "sales@acme.test");
    await page.goto("/check-ins");
    const list = page.getByRole("navigation", { name: "Key results" });
    await list.getByRole("button", { name: /Pipeline reviews held/ }).click();
    await page.getByText("Edit or archive this key result").click();
    const edit = page.getByRole("form", { name: "Edit Pipeline reviews held" });
    await edit.getByLabel("Target").fill("0");
    await edit.getByLabel("Start").fill("0");
    await edit.getByRole("button", { name: "Save key result" }).click();
    await edit
      .getByText("Must differ from the start, or there is no progress to measure.")
      .waitFor();
    await screenshot(page, "check-ins-edit-key-result");
    await edit.getByRole("button", { name: "Archive…" }).click();
    await edit.getByRole("button", { name: "Archive it" }).click();
    await expect
      .poll(() => list.getByRole("button", { name: /Pipeline reviews held/ }).count())
      .toBe(0);
    await page.getByRole("link", { name: "Dashboard", exact: true }).click();
    const keyResults = page.getByRole("region", { name: "Key results" });
    await keyResults.getByRole("row").first().waitFor();
    expect(await keyResults.getByText("Pipeline reviews held").count()).toBe(0);

    // Restored from the folded list under the key results, history and all.
    await page.getByRole("link", { name: "Check-ins", exact: true }).click();
    await page.getByText("Archived (1)").click();
    await screenshot(page, "check-ins-archived");
    await page.getByRole("button", { name: "Restore Pipeline reviews held" }).click();
    await list.getByRole("button", { name: /Pipeline reviews held/ }).waitFor();
    expect(await page.getByText("Archived (1)").count()).toBe(0);
    await page.getByRole("link", { name: "Dashboard", exact: true }).click();
    await keyResults.getByText("Pipeline reviews held").waitFor();
  });
});
