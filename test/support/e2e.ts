import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { launchBrowser, openSession, type Session } from "./browser";
import { startServer, type TestServer } from "./server";

/**
 * Per test file: the production server on a fresh copy of the demo database, and one
 * Chromium. After each test every session it opened is closed, and the test fails if any
 * page logged an error or threw.
 */
export function useE2E() {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const sessions: Session[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  afterEach(async () => {
    const problems = sessions.flatMap((s) => s.problems);
    for (const session of sessions.splice(0)) await session.context.close();
    expect(problems, "page errors and console errors").toEqual([]);
  });

  return {
    baseUrl(): string {
      if (!server) throw new Error("The server did not start");
      return server.baseUrl;
    },
    async open(options: { colorScheme?: "light" | "dark"; width?: number } = {}): Promise<Session> {
      if (!server || !browser) throw new Error("The server or the browser did not start");
      const session = await openSession(browser, server.baseUrl, options);
      sessions.push(session);
      return session;
    },
  };
}
