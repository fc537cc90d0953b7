import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

/** A port nobody listens on now; the server keeps it across restarts so screens reconnect. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface TvServer {
  origin: string;
  /** The server's process id, to read its memory. */
  pid(): number | undefined;
  /** Stops the process (SIGTERM: the graceful path) and starts it again on the same port and data. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  /** The server's output so far, for failure messages. */
  output(): string;
}

async function waitForHealth(
  origin: string,
  child: ChildProcess,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${origin}/api/health`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the server did not answer /api/health within ${timeoutMs} ms`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 15_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/**
 * The production server (`node --import tsx api/src/index.ts`) on the embedded database in a
 * temporary folder, filled with the demo company on first start; `env` can point it at a
 * PostgreSQL server instead (DATABASE_URL).
 */
export async function startTvServer(
  options: { env?: Record<string, string> } = {},
): Promise<TvServer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), "tandem-tv-"));
  let log = "";
  const env = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    TANDEM_PUBLIC_URL: origin,
    TANDEM_DATA_DIR: dataDir,
    TANDEM_DEMO: "true",
    LOG_LEVEL: "warn",
    ...options.env,
  };
  const launch = async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "api/src/index.ts"], {
      cwd: repoRoot,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (chunk: Buffer) => {
      log += chunk.toString();
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      log += chunk.toString();
    });
    await waitForHealth(origin, child, 90_000);
    return child;
  };
  let child = await launch();
  return {
    origin,
    pid: () => child.pid,
    output: () => log,
    async restart() {
      await stopChild(child);
      child = await launch();
    },
    async stop() {
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A JSON call as the web app makes it: same origin, the session cookie when given. */
export async function apiCall(
  origin: string,
  method: string,
  path: string,
  options: { cookie?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = { origin, ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  return fetch(`${origin}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
}

/** Signs in through the auth routes and returns the session cookie. */
export async function signIn(origin: string, email: string, password: string): Promise<string> {
  const response = await apiCall(origin, "POST", "/api/auth/sign-in/email", {
    body: { email, password },
    headers: { "x-forwarded-for": "127.0.0.1" },
  });
  if (response.status !== 200)
    throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(";")[0] ?? "")
    .filter((pair) => pair.includes("session_token"))
    .join("; ");
  if (!cookie) throw new Error("sign-in set no session cookie");
  return cookie;
}

/** Reads a JSON body as unknown, failing with the body's text when the status is not the one expected. */
export async function expectJson(response: Response, status: number): Promise<unknown> {
  const text = await response.text();
  if (response.status !== status)
    throw new Error(`expected ${status}, got ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}
