import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import {
  type Browser,
  type BrowserContext,
  type BrowserServer,
  chromium,
  type Page,
} from "playwright-core";
import { repoRoot } from "./server";

export const screenshotDir = join(repoRoot, "test-results/screenshots");

/**
 * Debian's old headless shell when it is installed, else Chromium itself: the same Blink and V8
 * without the desktop browser around them. It took 43 % less CPU than Chromium's headless mode
 * in the e2e project and cut its run from 211 s to 153 s (decision 062).
 */
const headlessShell = "/usr/bin/chromium-headless-shell";
const defaultChromiumPath = existsSync(headlessShell) ? headlessShell : "/usr/bin/chromium";

/** Headless, with everything that phones home turned off. */
const chromiumOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? defaultChromiumPath,
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

/**
 * Global setup: one Chromium for the whole run. Launching it costs seconds of CPU, which every
 * e2e file used to pay; each file now connects and gets fresh contexts (isolated cookies and
 * storage), as vite's own playground tests do.
 */
export function launchBrowserServer(): Promise<BrowserServer> {
  return chromium.launchServer(chromiumOptions);
}

/** A Chromium of its own, for scripts outside the test run (scripts/phone-screenshots.ts). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch(chromiumOptions);
}

/** Connects to the run's Chromium; `close()` on the result disconnects and leaves it running. */
export function connectBrowser(wsEndpoint: string): Promise<Browser> {
  return chromium.connect(wsEndpoint);
}

let nextAddress = 1;

/** The server each context was opened on: its Origin header for API calls. */
const contextOrigins = new WeakMap<BrowserContext, string>();

export interface SessionOptions {
  colorScheme?: "light" | "dark";
  width?: number;
  height?: number;
  /** A phone: touch events, a mobile viewport (the meta viewport tag applies). */
  phone?: boolean;
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Page errors and console errors seen so far, minus the allowed ones. */
  problems: string[];
  /** Expect console errors matching this (a 412 the test provokes logs "Failed to load resource"). */
  allow(pattern: RegExp): void;
  /** A second tab in the same session (same cookies), watched the same way. */
  newTab(): Promise<Page>;
}

/**
 * A fresh browser context at a laptop size. Each gets its own client address (X-Forwarded-For,
 * which the default test server believes through TANDEM_TRUST_PROXY=1), so sign-ins from
 * different tests never share the per-address sign-in budget.
 */
export async function openSession(
  browser: Browser,
  baseUrl: string,
  options: SessionOptions = {},
): Promise<Session> {
  const address = `10.77.${Math.floor(nextAddress / 250)}.${(nextAddress % 250) + 1}`;
  nextAddress++;
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    hasTouch: options.phone ?? false,
    isMobile: options.phone ?? false,
    colorScheme: options.colorScheme ?? "light",
    locale: "en-US",
    timezoneId: "America/New_York",
    extraHTTPHeaders: { "x-forwarded-for": address },
  });
  context.setDefaultTimeout(15_000);
  contextOrigins.set(context, new URL(baseUrl).origin);
  const problems: string[] = [];
  const allowed: RegExp[] = [];
  const watch = (page: Page) => {
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      const text = message.text();
      if (allowed.some((pattern) => pattern.test(text))) return;
      problems.push(`console error on ${page.url()}: ${text}`);
    });
  };
  const page = await context.newPage();
  watch(page);
  return {
    context,
    page,
    problems,
    allow: (pattern) => allowed.push(pattern),
    newTab: async () => {
      const tab = await context.newPage();
      watch(tab);
      return tab;
    },
  };
}

export const demoPassword = "tandem-demo";

/**
 * Signs in through the auth API from the page's own context (its cookie jar, its client
 * address), then opens `path` and waits for the signed-in app. The sign-in screen itself is
 * driven by sign-in.e2e and phone.e2e; every other test skips its page load and typing.
 */
export async function signIn(page: Page, email: string, path = "/"): Promise<void> {
  const context = page.context();
  const origin = contextOrigins.get(context);
  if (!origin) throw new Error("signIn needs a page of a session opened by openSession");
  const response = await context.request.post("/api/auth/sign-in/email", {
    data: { email, password: demoPassword },
    headers: { origin },
  });
  if (!response.ok()) {
    throw new Error(`sign-in of ${email} failed: ${response.status()} ${await response.text()}`);
  }
  await page.goto(path);
  // The first sign-in of a file's fresh server also warms its database and loads the app's
  // bundle, which on a busy 2-core machine has taken longer than the 15 s default.
  await page.getByRole("navigation", { name: "Main" }).waitFor({ timeout: 30_000 });
}

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
);

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

function isViolationList(value: unknown): value is AxeViolation[] {
  return Array.isArray(value);
}

/** Serious and critical axe-core violations on the page as it is now, in words. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  // Evaluated over the debugging protocol, not as a <script> tag: the app's
  // Content-Security-Policy refuses inline scripts, and rightly.
  await page.evaluate(axeSource);
  const violations: unknown = await page.evaluate(async () => {
    const axe = Reflect.get(window, "axe");
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations;
  });
  if (!isViolationList(violations)) throw new Error("axe-core returned no violation list");
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help}\n${v.nodes
          .slice(0, 5)
          .map((n) => `  at ${JSON.stringify(n.target)} ${n.failureSummary ?? ""}`)
          .join("\n")}`,
    );
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  // No tooltip or hover state left over from the last click.
  await page.mouse.move(0, 0);
  // Sticky bars stay where they are in a full-page shot of a scrolled page: start at the top.
  await page.evaluate(() => window.scrollTo(0, 0));
  try {
    await page.screenshot({ path, fullPage: true });
  } catch (error) {
    // Chromium's full-page capture hangs now and then (a fresh-clone run on a quiet machine
    // timed out after "fonts loaded" on a dashboard shot that 20 runs took at once;
    // microsoft/playwright#28995 and others): once, the shot is taken again; twice fails.
    if (!(error instanceof Error && error.name === "TimeoutError")) throw error;
    await page.screenshot({ path, fullPage: true });
  }
  return path;
}
