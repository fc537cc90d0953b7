import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const repoRoot = new URL("../../", import.meta.url).pathname;

export interface TestServer {
  baseUrl: string;
  /** The server's output so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

/** Builds the web app when web/dist is missing or older than its sources (as `pnpm start` does). */
function buildWebIfStale(): void {
  const dist = join(repoRoot, "web/dist/index.html");
  const sources = Math.max(
    newestMtime(join(repoRoot, "web/src")),
    statSync(join(repoRoot, "web/index.html")).mtimeMs,
  );
  if (existsSync(dist) && statSync(dist).mtimeMs >= sources) return;
  execFileSync("pnpm", ["--filter", "@tandem/web", "build"], { cwd: repoRoot, stdio: "pipe" });
}

function spawnServer(port: number, dataDir: string): { child: ChildProcess; output: () => string } {
  // Always the embedded database, whatever the developer's shell points at.
  const { DATABASE_URL: _server, ...inherited } = process.env;
  const child = spawn(process.execPath, ["--import", "tsx", join(repoRoot, "api/src/index.ts")], {
    cwd: repoRoot,
    env: {
      ...inherited,
      NODE_ENV: "production",
      PORT: String(port),
      TANDEM_DATA_DIR: dataDir,
      TANDEM_DEMO: "true",
      TANDEM_PUBLIC_URL: `http://localhost:${port}`,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return { child, output: () => output };
}

async function waitForHealth(
  baseUrl: string,
  child: ChildProcess,
  output: () => string,
  ms: number,
) {
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
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The server was not healthy within ${ms} ms:\n${output()}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 8_000));
  if ((await Promise.race([exited, timeout])) === "timeout") {
    child.kill("SIGKILL");
    await exited;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * One seeded database per test run: the first test file builds the web app if stale and seeds
 * a template data folder through the real server's first start; every file then copies it, so
 * each gets a fresh database without paying for the demo seed again. Keyed by the vitest
 * process (the parent of every fork).
 */
async function seededTemplate(): Promise<string> {
  const base = join(tmpdir(), `tandem-e2e-${process.ppid}`);
  for (const entry of readdirSync(tmpdir())) {
    const match = /^tandem-e2e-(\d+)$/.exec(entry);
    if (match && Number(match[1]) !== process.ppid && !processAlive(Number(match[1]))) {
      rmSync(join(tmpdir(), entry), { recursive: true, force: true });
    }
  }
  mkdirSync(base, { recursive: true });
  const template = join(base, "template");
  const ready = join(base, "ready");
  const failed = join(base, "failed");
  let owner = false;
  try {
    mkdirSync(join(base, "lock"));
    owner = true;
  } catch {
    owner = false;
  }
  if (owner) {
    try {
      buildWebIfStale();
      const port = await freePort();
      const { child, output } = spawnServer(port, template);
      try {
        await waitForHealth(`http://localhost:${port}`, child, output, 180_000);
      } finally {
        await stopChild(child);
      }
      writeFileSync(ready, "ok");
    } catch (error) {
      writeFileSync(failed, error instanceof Error ? error.message : String(error));
      throw error;
    }
    return template;
  }
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    if (existsSync(ready)) return template;
    if (existsSync(failed))
      throw new Error(`Seeding the template failed:\n${readFileSync(failed, "utf8")}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("Timed out waiting for another test file to seed the template database");
}

/** The production server (API + built web app) on a fresh copy of the demo database. */
export async function startServer(): Promise<TestServer> {
  const template = await seededTemplate();
  const dataDir = mkdtempSync(join(tmpdir(), "tandem-e2e-data-"));
  cpSync(template, dataDir, { recursive: true });
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const { child, output } = spawnServer(port, dataDir);
  try {
    await waitForHealth(baseUrl, child, output, 90_000);
  } catch (error) {
    await stopChild(child);
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    baseUrl,
    output,
    stop: async () => {
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
