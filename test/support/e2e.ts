import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, inject } from "vitest";
import { connectBrowser, openSession, type Session, type SessionOptions } from "./browser";
import { type ServerOptions, startServer, type TestServer, waitForTemplate } from "./server";

const outsideProject =
  "No demo template or Chromium server: e2e files run in vitest's e2e project, whose global setup (test/support/global-setup.ts) makes them";

/**
 * Per test file: the production server on a fresh copy of the demo database, and a connection
 * to the run's Chromium. After each test every session it opened is closed, and the test fails
 * if any page logged an error or threw.
 */
export function useE2E(options: Pick<ServerOptions, "publicUrl"> = {}) {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const sessions: Session[] = [];
  /** Sessions opened by `openForFile`: kept across the file's tests, closed after its last. */
  const fileSessions: Session[] = [];

  beforeAll(async () => {
    const template = inject("e2eTemplate");
    const wsEndpoint = inject("chromiumWsEndpoint");
    if (!template || !wsEndpoint) throw new Error(outsideProject);
    [server, browser] = await Promise.all([
      waitForTemplate(template).then(() => startServer({ ...options, template })),
      connectBrowser(wsEndpoint),
    ]);
  }, 300_000);

  afterAll(async () => {
    for (const session of fileSessions.splice(0)) await session.context.close();
    // Disconnects only: the browser belongs to the run.
    await browser?.close();
    await server?.stop();
  });

  afterEach(async () => {
    const problems = sessions.flatMap((s) => s.problems);
    // A kept session's problems count against the test that saw them, and only that one.
    for (const session of fileSessions) problems.push(...session.problems.splice(0));
    for (const session of sessions.splice(0)) await session.context.close();
    expect(problems, "page errors and console errors").toEqual([]);
  });

  return {
    baseUrl(): string {
      if (!server) throw new Error("The server did not start");
      return server.baseUrl;
    },
    /** The server itself, to restart it or read its output. */
    server(): TestServer {
      if (!server) throw new Error("The server did not start");
      return server;
    },
    async open(options: SessionOptions = {}): Promise<Session> {
      if (!server || !browser) throw new Error("The server or the browser did not start");
      const session = await openSession(browser, server.baseUrl, options);
      sessions.push(session);
      return session;
    },
    /**
     * A session kept for the rest of the file (open it in `beforeAll`): one sign-in serves
     * every test that only looks, instead of a context and a sign-in per test. Its page errors
     * and console errors still fail the test during which they happen.
     */
    async openForFile(options: SessionOptions = {}): Promise<Session> {
      if (!server || !browser) throw new Error("The server or the browser did not start");
      const session = await openSession(browser, server.baseUrl, options);
      fileSessions.push(session);
      return session;
    },
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    /** The seeded demo data folder each e2e server starts from a copy of. */
    e2eTemplate: string;
    /** Where the run's Chromium listens (playwright's `launchServer`). */
    chromiumWsEndpoint: string;
  }
}
