import { join } from "node:path";
import type { Locator } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OIDC_CLIENT, startOidcProvider } from "../../api/src/testing/oidc-provider";
import {
  demoPassword,
  screenshot,
  screenshotDir,
  seriousA11yViolations,
  signIn,
} from "../support/browser";
import { useE2E } from "../support/e2e";

const e2e = useE2E();

let idp: Awaited<ReturnType<typeof startOidcProvider>>;
beforeAll(async () => {
  idp = await startOidcProvider({
    newhire: { email: "newhire@acme.test", name: "Nia Newhire", groups: ["tandem-leads"] },
  });
});
afterAll(() => idp?.close());

const shoot = (part: Locator, name: string) =>
  part.screenshot({ path: join(screenshotDir, `${name}.png`) });

describe("single sign-on set up in Settings", () => {
  it("an owner connects the provider, and a newcomer signs in through it into the dashboard", async () => {
    // Tall enough for the whole section in one shot, under no sticky bar.
    const owner = await e2e.open({ height: 1500 });
    await signIn(owner.page, "owner@acme.test", "/settings#sso");
    const section = owner.page.getByRole("region", { name: "Single sign-on" });
    await section.getByText("No provider yet.").waitFor();
    // Sent empty: our words under the first field to fill, and the cursor in it.
    await section.getByRole("button", { name: "Save" }).click();
    const address = section.getByLabel("Provider address");
    await expect.poll(() => address.getAttribute("aria-invalid")).toBe("true");
    const errorId = (await address.getAttribute("aria-describedby"))?.split(" ")[0];
    expect(await section.locator(`[id="${errorId}"]`).textContent()).toBe("Is required.");
    expect(await address.evaluate((el) => el === document.activeElement)).toBe(true);
    await address.fill(idp.issuer);
    await section.getByLabel("Button name").fill("Acme ID");
    await section.getByLabel("Client ID").fill(OIDC_CLIENT.clientId);
    await section.getByLabel("Client secret").fill(OIDC_CLIENT.clientSecret);
    // A list field: the API names the item, the field says which one in words.
    owner.allow(/status of 422/);
    const domains = section.getByLabel("Email domains");
    await domains.fill("acme.test, acme test");
    await section.getByRole("button", { name: "Save" }).click();
    await section.getByText("Item 2 is not an email domain").waitFor();
    expect(await domains.getAttribute("aria-invalid")).toBe("true");
    expect(await section.getByRole("alert").textContent()).toContain("marked above");
    await domains.fill("acme.test");
    await section.getByLabel("Extra scopes").fill("groups");
    await section.getByRole("button", { name: "Add a group" }).click();
    await section.getByLabel("Group", { exact: true }).fill("tandem-leads");
    await section.locator(".sso-mapping").getByRole("combobox").selectOption("lead");
    await section.getByRole("button", { name: "Test connection" }).click();
    await section.getByText(`Connected: ${idp.issuer}`).waitFor();
    await section.getByRole("button", { name: "Save" }).click();
    await section.getByText("Saved. It counts at the next sign-in.").waitFor();
    await expect
      .poll(() => section.getByLabel("Client secret").getAttribute("placeholder"))
      .toMatch(/Kept/);
    expect(await seriousA11yViolations(owner.page)).toEqual([]);
    await shoot(section, "settings-sso-desktop");
    // The provider learns the address Tandem comes back to, as an owner registers it there.
    idp.allowRedirect(await section.getByLabel("Redirect address").inputValue());

    // On a phone the owner's own domain now offers the provider; a password still works.
    const phone = await e2e.open({ width: 360, height: 780, phone: true });
    await phone.page.goto("/sign-in");
    await phone.page.getByLabel("Email").fill("owner@acme.test");
    await phone.page.getByRole("button", { name: "Sign in with Acme ID" }).waitFor();
    await screenshot(phone.page, "phone/sign-in-sso");
    await phone.page.getByLabel("Password").fill(demoPassword);
    await phone.page.getByRole("button", { name: "Sign in", exact: true }).tap();
    await phone.page.getByRole("button", { name: "Menu" }).waitFor({ timeout: 30_000 });
    await phone.page.goto("/settings#sso");
    const small = phone.page.getByRole("region", { name: "Single sign-on" });
    await small.getByLabel("Button name").waitFor();
    expect(
      await phone.page.evaluate(() => document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(360);
    await shoot(small, "settings-sso-phone");

    // A newcomer: the email's domain offers the provider; its login form; back in the dashboard.
    const newcomer = await e2e.open();
    // The provider's development login page asks for a web font from the internet and a
    // favicon: tests talk to loopback only, so anything else is refused before it leaves.
    await newcomer.page.context().route(
      (url) => !["127.0.0.1", "localhost", "[::1]"].includes(url.hostname),
      (route) => route.abort("blockedbyclient"),
    );
    newcomer.allow(/ERR_BLOCKED_BY_CLIENT|status of 404/);
    await newcomer.page.goto("/sign-in");
    await newcomer.page.getByLabel("Email").fill("newhire@acme.test");
    await newcomer.page.getByRole("button", { name: "Sign in with Acme ID" }).click();
    await newcomer.page.waitForURL((url) => url.origin === idp.issuer);
    await newcomer.page.locator('input[name="login"]').fill("newhire");
    await newcomer.page.locator('input[name="password"]').fill("any");
    await newcomer.page.screenshot({ path: join(screenshotDir, "sso-provider-login.png") });
    await newcomer.page.locator('button[type="submit"]').click();
    // The provider asks once to share the profile with Tandem.
    await newcomer.page.locator('button[type="submit"]').click();
    await newcomer.page.getByRole("navigation", { name: "Main" }).waitFor({ timeout: 30_000 });
    expect(new URL(newcomer.page.url()).pathname).toBe("/");
    await newcomer.page.getByText(/At this pace the company books/).waitFor({ timeout: 30_000 });
    // Joined the organization with the role the provider's group gives.
    await newcomer.page.getByText("Team lead").first().waitFor();
    await screenshot(newcomer.page, "sso-signed-in-dashboard");
  });
});
