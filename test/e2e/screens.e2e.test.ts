import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { screenshot, seriousA11yViolations, signIn } from "../support/browser";
import { useE2E } from "../support/e2e";

const e2e = useE2E();

/** Each screen in the main navigation and what shows that it has loaded. */
const screens: { path: string; name: string; ready?: string; heading?: string; table?: string }[] =
  [
    // The cards under the headline render after it is painted (decision 053): the last of
    // them shows the whole screen is there.
    { path: "/", name: "dashboard", ready: "headline-actual", heading: "Key results" },
    { path: "/forecast", name: "forecast", ready: "forecast-total" },
    { path: "/plan", name: "plan", ready: "required-leads" },
    { path: "/check-ins", name: "check-ins", heading: "Key results" },
    { path: "/lead-quality", name: "lead-quality", table: "Lead quality by source" },
    { path: "/attribution", name: "attribution", heading: "Revenue by channel, every model" },
    { path: "/settings", name: "settings", heading: "Members and roles" },
  ];

async function waitForScreen(page: Page, screen: (typeof screens)[number]): Promise<void> {
  if (screen.ready) await page.getByTestId(screen.ready).waitFor();
  if (screen.heading) await page.getByRole("heading", { name: screen.heading }).waitFor();
  if (screen.table) await page.getByRole("table", { name: screen.table }).waitFor();
}

describe("every screen", () => {
  const people = ["owner@acme.test", "marketing@acme.test"];
  // Each person signs in once for all the screens: the checks only look, and a full load of
  // each screen's address is what they look at, as after a sign-in.
  const pages = new Map<string, Page>();
  beforeAll(async () => {
    for (const email of people) {
      const { page } = await e2e.openForFile();
      await signIn(page, email);
      pages.set(email, page);
    }
  });

  // One test per person and screen, so a busy machine never runs one test past its timeout.
  const cases = people.flatMap((email) => screens.map((screen) => ({ email, screen })));
  it.each(cases)(
    "has no serious accessibility violation, light and dark, for $email on $screen.path",
    async ({ email, screen }) => {
      const page = pages.get(email);
      if (!page) throw new Error(`${email} did not sign in`);
      await page.emulateMedia({ colorScheme: "light" });
      await page.goto(screen.path);
      await waitForScreen(page, screen);
      for (const colorScheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme });
        expect(await seriousA11yViolations(page), `${screen.path} in ${colorScheme}`).toEqual([]);
        if (email.startsWith("owner"))
          await screenshot(page, `screen-${screen.name}-${colorScheme}`);
      }
    },
  );

  it("works at a 1280px laptop width without sideways scrolling", async () => {
    const { page } = await e2e.open({ width: 1280 });
    await signIn(page, "exec@acme.test");
    for (const screen of screens) {
      await page.goto(screen.path);
      await waitForScreen(page, screen);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow, screen.path).toBeLessThanOrEqual(0);
    }
  });

  it("can be driven by keyboard: skip link, then the main navigation", async () => {
    const { page } = await e2e.open();
    await signIn(page, "exec@acme.test");
    await page.getByTestId("headline-actual").waitFor();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to content");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Dashboard");
    // The next link along the navigation, whichever it is, opens by Enter.
    await page.keyboard.press("Tab");
    const next = await page.evaluate(() => document.activeElement?.getAttribute("href"));
    expect(next).toMatch(/^\/[a-z-]+$/);
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname === next);
  });
});
