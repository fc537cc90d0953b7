import { type ChildProcess, spawn } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { apiBundle, buildServer } from "../../scripts/build-server.mjs";

/**
 * The one way tests start the production server (`node api/dist/server.mjs` as `pnpm start`
 * runs it: the API and the built web app, on the embedded database). Global setup builds it
 * and seeds one demo data folder per run with it; each e2e file then runs its own server on a
 * copy of that folder.
 */

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

export interface TestServer {
  baseUrl: string;
  /** The server's data folder (the embedded database, the mail outbox). */
  dataDir: string;
  /** The server's process id, to read its memory. */
  pid(): number | undefined;
  /** Stops the process (SIGTERM: the graceful path) and starts it again on the same port and data. */
  restart(): Promise<void>;
  /** The server's output so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** A port nobody listens on now; the server keeps it across restarts so screens reconnect. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface ServerOptions {
  /** A seeded data folder to start from a copy of; absent: an empty one, seeded on first start. */
  template?: string;
  /** Extra environment, e.g. DATABASE_URL for a PostgreSQL server (the bench). */
  env?: Record<string, string>;
  /**
   * false: no TANDEM_PUBLIC_URL and no trusted proxy, as a first `pnpm start` runs, reached at
   * http://127.0.0.1:PORT. Default: the public URL http://localhost:PORT behind one trusted
   * proxy hop, so each browser session's X-Forwarded-For is its own client address.
   */
  publicUrl?: boolean;
}

function spawnServer(
  port: number,
  dataDir: string,
  env: Record<string, string>,
  publicUrl: boolean,
  log: (chunk: Buffer) => void,
): ChildProcess {
  // The embedded database unless `env` says otherwise, whatever the developer's shell points at.
  const {
    DATABASE_URL: _server,
    TANDEM_PUBLIC_URL: _public,
    TANDEM_TRUST_PROXY: _proxy,
    ...inherited
  } = process.env;
  if (!existsSync(apiBundle))
    throw new Error(`No ${apiBundle}: call buildServer() (scripts/build-server.mjs) first`);
  const child = spawn(process.execPath, ["--enable-source-maps", apiBundle], {
    cwd: repoRoot,
    env: {
      ...inherited,
      NODE_ENV: "production",
      PORT: String(port),
      TANDEM_DATA_DIR: dataDir,
      TANDEM_DEMO: "true",
      ...(publicUrl
        ? { TANDEM_PUBLIC_URL: `http://localhost:${port}`, TANDEM_TRUST_PROXY: "1" }
        : {}),
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", log);
  child.stderr?.on("data", log);
  return child;
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string) {
  // Generous: on a loaded 2-core machine a cold start plus the demo seed takes minutes.
  const ms = 240_000;
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `The server exited with ${child.exitCode} before it was healthy:\n${output()}`,
      );
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The server was not healthy within ${ms} ms:\n${output()}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 15_000));
  if ((await Promise.race([exited, timeout])) === "timeout") {
    child.kill("SIGKILL");
    await exited;
  }
}

/**
 * Runs the server on `dataDir` (seeded with the demo company on first start) until it is
 * healthy. `removeData` deletes the folder when the server stops.
 */
async function runServer(
  dataDir: string,
  env: Record<string, string>,
  removeData: boolean,
  publicUrl = true,
): Promise<TestServer> {
  const port = await freePort();
  const baseUrl = publicUrl ? `http://localhost:${port}` : `http://127.0.0.1:${port}`;
  let log = "";
  const output = () => log;
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  const launch = async () => {
    const started = spawnServer(port, dataDir, env, publicUrl, keep);
    try {
      await waitForHealth(baseUrl, started, output);
    } catch (error) {
      await stopChild(started);
      throw error;
    }
    return started;
  };
  const cleanUp = () => {
    if (removeData) rmSync(dataDir, { recursive: true, force: true });
  };
  let child: ChildProcess;
  try {
    child = await launch();
  } catch (error) {
    cleanUp();
    throw error;
  }
  return {
    baseUrl,
    dataDir,
    output,
    pid: () => child.pid,
    async restart() {
      await stopChild(child);
      child = await launch();
    },
    async stop() {
      await stopChild(child);
      cleanUp();
    },
  };
}

export interface DemoTemplate {
  /** The data folder every e2e file copies; usable once `waitForTemplate(dir)` returns. */
  dir: string;
  /** Settles when the folder is seeded (or could not be). */
  ready: Promise<void>;
  remove(): void;
}

/** Written beside the data folder: `seeded` when it is complete, `failed` with the reason. */
const seededMark = (dir: string) => join(dirname(dir), "seeded");
const failedMark = (dir: string) => join(dirname(dir), "failed");

function mark(path: string, text: string): void {
  // Renamed into place, so a file waiting on it never reads half a message.
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

/**
 * Global setup: builds the server (the web app if stale, the API bundle) and seeds the demo data folder every e2e file
 * copies, in the background. Vitest runs every project's global setup before the first test
 * file, so waiting here held the unit project back by the seed's whole start (about 20 s); the
 * folder's path is known at once, and e2e files wait for its mark (`waitForTemplate`).
 */
export function seedDemoTemplate(): DemoTemplate {
  const base = mkdtempSync(join(tmpdir(), "tandem-e2e-template-"));
  const dir = join(base, "data");
  const ready = (async () => {
    try {
      await buildServer();
      const server = await runServer(dir, {}, false);
      await server.stop();
      mark(seededMark(dir), "");
    } catch (error) {
      mark(
        failedMark(dir),
        error instanceof Error ? (error.stack ?? error.message) : String(error),
      );
      throw error;
    }
  })();
  // Reported to the e2e files by the `failed` mark; global teardown waits for it to settle.
  ready.catch(() => {});
  return { dir, ready, remove: () => rmSync(base, { recursive: true, force: true }) };
}

/** In an e2e file: waits until global setup has seeded the demo data folder, or says why not. */
export async function waitForTemplate(dir: string, ms = 300_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!existsSync(seededMark(dir))) {
    if (existsSync(failedMark(dir)))
      throw new Error(
        `The demo data folder was not seeded:\n${readFileSync(failedMark(dir), "utf8")}`,
      );
    if (Date.now() > deadline) throw new Error(`The demo data folder was not seeded in ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The production server (API + built web app), by default on the embedded database. */
export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "tandem-e2e-data-"));
  if (options.template) cpSync(options.template, dataDir, { recursive: true });
  return runServer(dataDir, options.env ?? {}, true, options.publicUrl !== false);
}
