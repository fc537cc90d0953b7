// `pnpm db:distribute`: turns the migrated database at DATABASE_URL, on a Citus coordinator,
// into a distributed one (docs/scaling.md, decision 057). A second run changes nothing.
import postgres from "postgres";
import { distribute } from "../citus/distribute";
import { postgresOptions } from "../postgres-options";

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("Set DATABASE_URL to the Citus coordinator's Tandem database.");
  const sql = postgres(url, { ...postgresOptions, max: 1 });
  try {
    const started = performance.now();
    const report = await sql.begin((tx) => distribute(tx));
    const ms = Math.round(performance.now() - started);
    if (report.reference.length === 0 && report.distributed.length === 0)
      console.log(`Already distributed: nothing to do (${ms} ms).`);
    else
      console.log(
        `Distributed in ${ms} ms: ${report.reference.length} reference tables (${report.reference.join(", ")}), ${report.distributed.length} tables sharded by org_id (${report.distributed.join(", ")}).`,
      );
  } finally {
    await sql.end();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
