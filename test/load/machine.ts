import { cpus, release, totalmem, type } from "node:os";
import { createDb } from "@tandem/db";
import { sql } from "drizzle-orm";
import type { MachineFacts } from "./results";

/** What the figures were measured on: they mean little without it. */
export async function machineFacts(
  databaseUrl: string,
): Promise<Omit<MachineFacts, "loadAverage">> {
  const database = createDb({ url: databaseUrl, max: 1 });
  try {
    const rows = await database.db
      .select({ version: sql<string>`current_setting('server_version')` })
      .from(sql`(select 1) as one`);
    const processors = cpus();
    return {
      cpu: processors[0]?.model.trim() ?? "unknown",
      cores: processors.length,
      memoryGb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      postgres: `PostgreSQL ${rows[0]?.version ?? "unknown"}`,
      os: `${type()} ${release()}`,
    };
  } finally {
    await database.close();
  }
}
