import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { isServerMessage } from "./server-messages";

export interface BenchServer {
  origin: string;
  pid: number | undefined;
  /** Resident memory of the server process, in bytes. */
  rss(): Promise<number>;
  stop(): Promise<void>;
}

const entry = fileURLToPath(new URL("./bench-server.ts", import.meta.url));
const START_TIMEOUT_MS = 30_000;

/** Forks the app under test on an ephemeral loopback port and waits until it listens. */
export async function startBenchServer(options: {
  databaseUrl: string;
  webDist?: string;
}): Promise<BenchServer> {
  const args = ["--database-url", options.databaseUrl];
  if (options.webDist) args.push("--web-dist", options.webDist);
  // The child inherits this process's `--import tsx`.
  const child = fork(entry, args, { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error("the bench server did not start in 30 s"));
    }, START_TIMEOUT_MS);
    child.on("message", (message) => {
      if (isServerMessage(message) && message.type === "listening") {
        clearTimeout(timer);
        resolve(message.port);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the bench server exited with code ${code} before listening`));
    });
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    pid: child.pid,
    rss: () => askRss(child),
    stop: () => stopChild(child),
  };
}

function askRss(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const onMessage = (message: unknown) => {
      if (isServerMessage(message) && message.type === "rss") {
        child.off("message", onMessage);
        resolve(message.bytes);
      }
    };
    child.on("message", onMessage);
    child.send("rss");
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
