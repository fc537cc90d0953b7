import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiCall,
  expectJson,
  repoRoot,
  signIn,
  startTvServer,
  type TvServer,
} from "../support/tv-server";

const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const screenshots = join(repoRoot, "test-results", "screenshots");

/** Walks a parsed JSON value by keys and indexes; undefined where the path does not exist. */
function at(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof key === "number") current = Array.isArray(current) ? current[key] : undefined;
    else
      current =
        typeof current === "object" && current !== null ? Reflect.get(current, key) : undefined;
  }
  return current;
}

function text(value: unknown, what: string): string {
  if (typeof value !== "string")
    throw new Error(`${what} is not a string: ${JSON.stringify(value)}`);
  return value;
}

/** The built web app must contain the TV route; build it when it does not. */
function ensureWebBuild(): void {
  const assets = join(repoRoot, "web", "dist", "assets");
  const built = existsSync(assets) && readdirSync(assets).some((f) => f.startsWith("tv-page"));
  if (!built)
    execFileSync("pnpm", ["--filter", "@tandem/web", "build"], { cwd: repoRoot, stdio: "ignore" });
}

describe.runIf(existsSync(chromiumPath))("the all-hands TV in Chromium", () => {
  let server: TvServer;
  let browser: Browser;
  let cookie: string;
  let goalId: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    [server, browser] = await Promise.all([
      startTvServer(),
      chromium.launch({
        executablePath: chromiumPath,
        args: [
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
        ],
      }),
    ]);
    cookie = await signIn(server.origin, "owner@acme.test", "tandem-demo");
    const goals = await expectJson(
      await apiCall(server.origin, "GET", "/api/v1/goals", { cookie }),
      200,
    );
    goalId = text(at(goals, "goals", 0, "id"), "the demo goal id");
    mkdirSync(screenshots, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function openTv(url: string, width: number, height: number): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height } });
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(url);
    return page;
  }

  async function createDisplay(name: string) {
    const created = await expectJson(
      await apiCall(server.origin, "POST", "/api/v1/displays", { cookie, body: { name, goalId } }),
      201,
    );
    return {
      id: text(at(created, "id"), "display id"),
      url: text(at(created, "url"), "display url"),
    };
  }

  /** A key result updated by hand, with its version for If-Match. */
  async function manualKeyResult() {
    const list = await expectJson(
      await apiCall(server.origin, "GET", `/api/v1/goals/${goalId}/key-results`, { cookie }),
      200,
    );
    const items = at(list, "keyResults");
    const manual = Array.isArray(items) ? items.find((k) => at(k, "metric") === null) : undefined;
    return {
      id: text(at(manual, "id"), "manual key result id"),
      version: Number(at(manual, "version")),
      current: Number(at(manual, "current") ?? 0),
    };
  }

  /** Posts a check-in on a manual key result; resolves with the moment the POST was sent. */
  async function checkIn(note: string): Promise<number> {
    const kr = await manualKeyResult();
    const sent = Date.now();
    await expectJson(
      await apiCall(server.origin, "POST", `/api/v1/key-results/${kr.id}/check-ins`, {
        cookie,
        headers: { "if-match": `"${kr.version}"` },
        body: { value: kr.current + 1, confidence: 8, note },
      }),
      201,
    );
    return sent;
  }

  it("shows the goal at both resolutions and moves within a second of a check-in and an ingest batch", async () => {
    const display = await createDisplay("E2E lobby");
    const page = await openTv(`${display.url}?panel=wins`, 1920, 1080);
    await page.getByRole("heading", { name: "Recent wins" }).waitFor();
    await page.locator('[data-connection="live"]').waitFor();

    const note = `Booked the E2E demo ${Date.now()}`;
    let started = await checkIn(note);
    await page.getByText(`“${note}”`).waitFor({ timeout: 1000 });
    const checkInMs = Date.now() - started;
    expect(checkInMs).toBeLessThan(1000);

    const key = await expectJson(
      await apiCall(server.origin, "POST", "/api/v1/api-keys", {
        cookie,
        body: { name: "E2E CRM" },
      }),
      201,
    );
    const auth = { authorization: `Bearer ${text(at(key, "token"), "API key")}` };
    const now = new Date();
    const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();
    await expectJson(
      await apiCall(server.origin, "POST", "/api/v1/ingest/leads", {
        headers: auth,
        body: { records: [{ externalId: "E2E-LEAD", createdAt: hoursAgo(48), source: "webinar" }] },
      }),
      200,
    );
    await expectJson(
      await apiCall(server.origin, "POST", "/api/v1/ingest/touchpoints", {
        headers: auth,
        body: {
          records: [
            {
              externalId: "E2E-T1",
              leadExternalId: "E2E-LEAD",
              channel: "webinar",
              campaign: "E2E summit",
              occurredAt: hoursAgo(47),
            },
          ],
        },
      }),
      200,
    );
    started = Date.now();
    await expectJson(
      await apiCall(server.origin, "POST", "/api/v1/ingest/deals", {
        headers: auth,
        body: {
          records: [
            {
              externalId: "E2E-DEAL",
              leadExternalId: "E2E-LEAD",
              amount: 98765,
              status: "won",
              createdAt: hoursAgo(24),
              closedAt: now.toISOString(),
              owner: "Erin Closer",
            },
          ],
        },
      }),
      200,
    );
    await page.getByText("Closed by Erin Closer").waitFor({ timeout: 1000 });
    const ingestMs = Date.now() - started;
    expect(ingestMs).toBeLessThan(1000);
    await expect(page.getByText("First touch: Webinar · E2E summit").count()).resolves.toBe(1);
    console.log(
      `TV updated ${checkInMs} ms after a check-in, ${ingestMs} ms after an ingest batch`,
    );

    const base = display.url;
    for (const panel of ["number", "levers", "wins"]) {
      await page.goto(`${base}?panel=${panel}`);
      await page.locator(".tv-panel").waitFor();
      await page.waitForTimeout(1000);
      await page.screenshot({ path: join(screenshots, `tv-${panel}-1920x1080.png`) });
    }
    const large = await openTv(`${base}?panel=number`, 3840, 2160);
    for (const panel of ["number", "levers", "wins"]) {
      await large.goto(`${base}?panel=${panel}`);
      await large.locator(".tv-panel").waitFor();
      await large.waitForTimeout(1000);
      await large.screenshot({ path: join(screenshots, `tv-${panel}-3840x2160.png`) });
    }
    await large.close();
    await page.close();
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it("reconnects by itself after the server restarts, then says so in words when revoked", async () => {
    const display = await createDisplay("E2E restart");
    const page = await openTv(`${display.url}?panel=wins`, 1920, 1080);
    await page.locator('[data-connection="live"]').waitFor();

    const restarting = server.restart();
    await page.locator('[data-connection="reconnecting"]').waitFor({ timeout: 15_000 });
    await restarting;
    await page.locator('[data-connection="live"]').waitFor({ timeout: 20_000 });
    const note = `After the restart ${Date.now()}`;
    await checkIn(note);
    await page.getByText(`“${note}”`).waitFor({ timeout: 2000 });

    const started = Date.now();
    expect(
      (await apiCall(server.origin, "DELETE", `/api/v1/displays/${display.id}`, { cookie })).status,
    ).toBe(204);
    await page
      .getByRole("heading", { name: "This screen's link was revoked" })
      .waitFor({ timeout: 2000 });
    expect(Date.now() - started).toBeLessThan(2000);
    await page.screenshot({ path: join(screenshots, "tv-revoked-1920x1080.png") });

    // A screen opened on a revoked link says so too.
    const late = await openTv(display.url, 1920, 1080);
    await late
      .getByRole("heading", { name: "This screen's link was revoked" })
      .waitFor({ timeout: 5000 });
    await late.close();
    await page.close();
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
