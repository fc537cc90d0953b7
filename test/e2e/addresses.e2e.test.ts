import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { screenshot, signIn } from "../support/browser";
import { useE2E } from "../support/e2e";

// As a first `pnpm start` runs: no TANDEM_PUBLIC_URL, no proxy, opened at 127.0.0.1.
const e2e = useE2E({ publicUrl: false });

async function sessionCookie(page: Page): Promise<string> {
  const cookies = await page.context().cookies();
  return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

async function createDisplayInSettings(page: Page, name: string): Promise<string> {
  await page.goto("/settings#displays");
  const form = page.getByRole("form", { name: "Create a display" });
  await form.getByLabel("Screen name").fill(name);
  await form.getByRole("button", { name: "Create display" }).click();
  const link = page.getByTestId("secret-value");
  await link.waitFor();
  return (await link.textContent()) ?? "";
}

describe("any address, no public URL", () => {
  it("signs in and takes a check-in at http://127.0.0.1:PORT", async () => {
    expect(e2e.baseUrl()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const { page } = await e2e.open();
    await signIn(page, "marketing@acme.test");
    await page.getByRole("link", { name: "Check-ins" }).click();
    await page
      .getByRole("navigation", { name: "Key results" })
      .getByRole("button", { name: /Webinar attendance/ })
      .click();
    const form = page.getByRole("form", { name: "Check in on Webinar attendance" });
    await form.getByLabel(/Current value/).fill("744");
    await form.getByLabel("Confidence 7 of 10").check();
    await form.getByRole("button", { name: "Check in" }).click();
    await page.getByText("Checked in. The dashboard shows it now.").waitFor();
  });

  it("gives a display link on the address the owner used: 127.0.0.1, then localhost", async () => {
    const port = new URL(e2e.baseUrl()).port;
    const { page } = await e2e.open();
    await signIn(page, "owner@acme.test");
    const viaIp = await createDisplayInSettings(page, "Lobby TV");
    expect(viaIp).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/tv/\\S+$`));

    // The same server reached by another name signs in and links by that name.
    const other = await e2e.open();
    await other.page.goto(`http://localhost:${port}/sign-in`);
    await other.page.getByLabel("Email").fill("owner@acme.test");
    await other.page.getByLabel("Password").fill("tandem-demo");
    await other.page.getByRole("button", { name: "Sign in", exact: true }).click();
    await other.page.getByRole("navigation", { name: "Main" }).waitFor();
    await other.page.goto(`http://localhost:${port}/settings#displays`);
    const form = other.page.getByRole("form", { name: "Create a display" });
    await form.getByLabel("Screen name").fill("Kitchen TV");
    await form.getByRole("button", { name: "Create display" }).click();
    const viaName = (await other.page.getByTestId("secret-value").textContent()) ?? "";
    expect(viaName).toMatch(new RegExp(`^http://localhost:${port}/tv/\\S+$`));
  }, 90_000);

  it("tells an owner on localhost that TVs and colleagues need an address they can reach", async () => {
    const { page } = await e2e.open();
    await signIn(page, "owner@acme.test", "/settings");
    const notice = page.getByRole("region", { name: "Addresses for other machines" });
    await notice.getByText(/TVs and colleagues/).waitFor();
    await notice.getByText(new URL(e2e.baseUrl()).port, { exact: false }).first().waitFor();
    await screenshot(page, "settings-address-notice");
  });

  it("refuses a JSON POST from a foreign origin, and a cookie without an Origin, in words", async () => {
    const { page } = await e2e.open();
    await signIn(page, "owner@acme.test");
    const cookie = await sessionCookie(page);
    const post = (headers: Record<string, string>) =>
      fetch(`${e2e.baseUrl()}/api/v1/teams`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json", ...headers },
        body: JSON.stringify({ name: "Forged", function: "other" }),
      });

    const foreign = await post({ origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get("content-type")).toBe("application/problem+json");
    expect(await foreign.json()).toMatchObject({
      code: "forbidden",
      detail: expect.stringContaining(
        `This request came from https://evil.example, which is not where Tandem is served (${e2e.baseUrl()})`,
      ),
    });
    const missing = await post({});
    expect(missing.status).toBe(403);
    expect((await missing.json()).detail).toContain("no Origin header");

    // Nothing was made: the teams list has no "Forged".
    const teams = await fetch(`${e2e.baseUrl()}/api/v1/teams`, { headers: { cookie } });
    expect(await teams.text()).not.toContain("Forged");
  });

  it("says in words why a sign-in from another site is refused", async () => {
    const response = await fetch(`${e2e.baseUrl()}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { origin: "https://evil.example", "content-type": "application/json" },
      body: JSON.stringify({ email: "owner@acme.test", password: "tandem-demo" }),
    });
    expect(response.status).toBe(403);
    expect((await response.json()).detail).toContain("not where Tandem is served");
    expect(response.headers.getSetCookie()).toEqual([]);
  });
});
