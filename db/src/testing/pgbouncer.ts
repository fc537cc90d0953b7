import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { postgresOptions } from "../postgres-options";

/** Debian's package (`apt-get install pgbouncer`). */
export const PGBOUNCER_PATH = process.env.PGBOUNCER_PATH ?? "/usr/sbin/pgbouncer";

export const hasPgbouncer = () => existsSync(PGBOUNCER_PATH);

export interface Pgbouncer {
  /** `databaseUrl` with its host and port moved to the pooler. */
  pooledUrl(databaseUrl: string): string;
  /** Client connections the pooler holds for a database, from its admin console. */
  clients(database: string): Promise<number>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
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

/**
 * A real PgBouncer in transaction mode on a loopback port, in front of the PostgreSQL server of
 * `serverUrl` (every database on it), with its configuration in a fresh temporary folder.
 * Tests and the bench use it to run API instances behind a pooler as production would.
 */
export async function startPgbouncer(serverUrl: string): Promise<Pgbouncer> {
  const server = new URL(serverUrl);
  const user = decodeURIComponent(server.username || "postgres");
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "tandem-pgbouncer-"));
  // PgBouncer refuses to run as root; it drops to the server's own user, who must read this.
  // It logs to its stderr (kept for the error message), so it writes nothing here.
  chmodSync(dir, 0o755);
  const config = join(dir, "pgbouncer.ini");
  writeFileSync(join(dir, "users.txt"), `"${user}" "${decodeURIComponent(server.password)}"\n`);
  writeFileSync(
    config,
    [
      "[databases]",
      `* = host=${server.hostname} port=${server.port || 5432}`,
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${port}`,
      "unix_socket_dir =",
      "auth_type = trust",
      `auth_file = ${join(dir, "users.txt")}`,
      `admin_users = ${user}`,
      "pool_mode = transaction",
      "max_client_conn = 2000",
      "default_pool_size = 20",
      // Sent by the postgres driver at connect; harmless to drop behind a pooler.
      "ignore_startup_parameters = extra_float_digits,options",
      "",
    ].join("\n"),
  );
  const asRoot = process.getuid?.() === 0;
  const child: ChildProcess = spawn(
    PGBOUNCER_PATH,
    [...(asRoot ? ["-u", "postgres"] : []), config],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const adminUrl = (() => {
    const url = new URL(serverUrl);
    url.port = String(port);
    url.pathname = "/pgbouncer";
    return url.toString();
  })();
  // The admin console speaks only the simple protocol and has no catalog to read types from.
  const adminClient = () => postgres(adminUrl, { ...postgresOptions, max: 1, prepare: false });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGINT");
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`pgbouncer exited with ${child.exitCode}:\n${output}`);
    }
    const admin = adminClient();
    try {
      await admin.unsafe("SHOW VERSION").simple();
      break;
    } catch (error) {
      if (Date.now() > deadline) {
        await stop();
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await admin.end({ timeout: 1 });
    }
  }
  return {
    pooledUrl(databaseUrl) {
      const url = new URL(databaseUrl);
      url.hostname = "127.0.0.1";
      url.port = String(port);
      return url.toString();
    },
    async clients(database) {
      const admin = adminClient();
      try {
        const rows = await admin.unsafe("SHOW CLIENTS").simple();
        return rows.filter((row) => row.database === database).length;
      } finally {
        await admin.end({ timeout: 1 });
      }
    },
    stop,
  };
}
