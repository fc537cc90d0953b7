// `pnpm db:verify-rollups`: recomputes every organization's rollups (daily, speed-to-lead and
// the forecast's) from its facts and reports where the stored ones disagree. Exit code 1 when
// any do.
import { asc } from "drizzle-orm";
import { type DailyRollupDifference, diffRollups, type RollupDifference } from "../queries/rollups";
import { organization } from "../schema/auth";
import { openDatabaseFromEnv } from "./migrate";

/** Enough to see the pattern of a mismatch without flooding the terminal. */
const SHOWN_PER_ORGANIZATION = 20;

async function main(): Promise<number> {
  const { database, where } = openDatabaseFromEnv();
  try {
    const organizations = await database.db
      .select({ id: organization.id, name: organization.name })
      .from(organization)
      .orderBy(asc(organization.id));
    let failing = 0;
    for (const org of organizations) {
      const differences = await diffRollups(database.db, org.id);
      if (differences.length === 0) {
        console.log(`ok    ${org.name} (${org.id})`);
        continue;
      }
      failing++;
      console.log(`FAIL  ${org.name} (${org.id}): ${differences.length} rollup rows differ`);
      for (const d of differences.slice(0, SHOWN_PER_ORGANIZATION))
        console.log(`      ${formatDifference(d)}`);
      if (differences.length > SHOWN_PER_ORGANIZATION) {
        console.log(`      ... and ${differences.length - SHOWN_PER_ORGANIZATION} more`);
      }
    }
    console.log(
      `${organizations.length} organizations checked in ${where}; ${failing} with differences`,
    );
    return failing > 0 ? 1 : 0;
  } finally {
    await database.close();
  }
}

function formatDifference(d: RollupDifference): string {
  if (d.table === "daily_speed_rollups") {
    return `${d.key.day} speed bucket ${d.key.bucket}: stored ${d.stored} leads; from facts ${d.expected}`;
  }
  if (d.table !== "daily_rollups") {
    const counts = (r: Record<string, number> | null) =>
      r
        ? Object.entries(r)
            .map(([k, v]) => `${k} ${v}`)
            .join(" ")
        : "missing";
    return `${d.table} ${Object.values(d.key).join(" ")}: stored ${counts(d.stored)}; from facts ${counts(d.expected)}`;
  }
  const key = `${d.key.day} ${d.key.source}${d.key.campaign ? `/${d.key.campaign}` : ""}`;
  const counts = (r: DailyRollupDifference["stored"]) =>
    r
      ? `leads ${r.leads} mqls ${r.mqls} sqls ${r.sqls} wins ${r.wins} won ${r.wonAmount} open ${r.openDeals}/${r.openAmount}`
      : "missing";
  return `${key}: stored ${counts(d.stored)}; from facts ${counts(d.expected)}`;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
