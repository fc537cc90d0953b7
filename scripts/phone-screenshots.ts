/**
 * Regenerates the README's phone gallery: every screen at 390 x 844 with touch, signed in as
 * the demo owner, in docs/screenshots/phone/<screen>.png.
 *
 *   node --import tsx scripts/phone-screenshots.ts            # starts its own demo server
 *   BASE_URL=http://127.0.0.1:8080 node --import tsx scripts/phone-screenshots.ts
 *   WIDTH=1280 HEIGHT=900 OUT=/tmp/shots node --import tsx scripts/phone-screenshots.ts
 *   TV_PANEL=forecast ...                                    # the TV's panel to shoot
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { DEMO_GOAL_ID } from "../db/src/demo/goal-plan";
import { launchBrowser } from "../test/support/browser";
import { repoRoot, startServer } from "../test/support/server";
import { buildServer } from "./build-server.mjs";

const width = Number(process.env.WIDTH ?? 390);
const height = Number(process.env.HEIGHT ?? 844);
const phone = width < 600;
const out = process.env.OUT ?? join(repoRoot, "docs/screenshots/phone");

const screens: { name: string; path: string; ready: (page: Page) => Promise<unknown> }[] = [
  {
    name: "dashboard",
    path: "/",
    ready: (p) => p.getByRole("region", { name: "Key results" }).waitFor(),
  },
  {
    name: "forecast",
    path: "/forecast",
    ready: (p) => p.getByRole("region", { name: "The teams' calls" }).locator("table").waitFor(),
  },
  { name: "plan", path: "/plan", ready: (p) => p.getByRole("button", { name: /Save/ }).waitFor() },
  {
    name: "check-ins",
    path: "/check-ins",
    ready: (p) => p.getByRole("button", { name: "Check in" }).waitFor(),
  },
  {
    name: "lead-quality",
    path: "/lead-quality",
    ready: (p) => p.getByRole("heading", { name: "Lead quality" }).waitFor(),
  },
  {
    name: "attribution",
    path: "/attribution",
    ready: (p) => p.getByRole("heading", { name: "Attribution" }).waitFor(),
  },
  {
    name: "settings",
    path: "/settings",
    ready: (p) => p.getByRole("heading", { name: "Settings" }).waitFor(),
  },
];

async function settle(page: Page): Promise<void> {
  // Charts animate in; the shot is of the drawn screen.
  await page.waitForTimeout(1200);
  await page.evaluate(() => window.scrollTo(0, 0));
}

async function main(): Promise<void> {
  const server = process.env.BASE_URL ? null : await buildServer().then(() => startServer());
  const baseURL = process.env.BASE_URL ?? server?.baseUrl ?? "";
  const browser = await launchBrowser();
  mkdirSync(out, { recursive: true });
  try {
    const context = await browser.newContext({
      baseURL,
      viewport: { width, height },
      deviceScaleFactor: phone ? 2 : 1,
      hasTouch: phone,
      isMobile: phone,
      locale: "en-US",
      timezoneId: "America/New_York",
      colorScheme: "light",
    });
    const page = await context.newPage();
    const shot = async (name: string) => {
      await settle(page);
      await page.screenshot({ path: join(out, `${name}.png`), fullPage: true });
      console.log(join(out, `${name}.png`));
      // SLICES=1: also the page a screen at a time, to look at each part closely.
      if (!process.env.SLICES) return;
      const total = await page.evaluate(() => document.documentElement.scrollHeight);
      for (let y = 0, i = 0; y < total && i < 12; y += height, i++) {
        const clip = { x: 0, y, width, height: Math.min(height, total - y) };
        await page.screenshot({ path: join(out, `${name}-${i}.png`), fullPage: true, clip });
      }
    };

    await page.goto("/sign-up");
    await page.getByRole("heading").first().waitFor();
    await shot("sign-up");
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill("owner@acme.test");
    await page.getByLabel("Password").fill("tandem-demo");
    await shot("sign-in");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.locator("#main").waitFor();

    for (const screen of screens) {
      await page.goto(screen.path);
      await screen.ready(page);
      await shot(screen.name);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      if (overflow > 0) console.log(`  ${screen.name}: ${overflow} px wider than the screen`);
    }
    if (phone) {
      await page.goto("/");
      await page.getByRole("button", { name: "Menu" }).tap();
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(out, "menu.png") });
      console.log(join(out, "menu.png"));
    }

    const goalId = DEMO_GOAL_ID;
    const created = await page.request.post("/api/v1/displays", {
      data: { name: "Gallery TV", goalId },
      headers: { origin: new URL(baseURL).origin },
    });
    const display: { id: string; url: string } = await created.json();
    await page.goto(`${new URL(display.url).pathname}?panel=${process.env.TV_PANEL ?? "number"}`);
    await page.locator(".tv-panel").waitFor();
    await shot("tv");
    await page.request.delete(`/api/v1/displays/${display.id}`, {
      headers: { origin: new URL(baseURL).origin },
    });
    await context.close();
  } finally {
    await browser.close();
    await server?.stop();
  }
}

await main();
