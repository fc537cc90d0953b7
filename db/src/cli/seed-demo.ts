// `pnpm seed:demo [--leads N] [--seed S] [--today YYYY-MM-DD]`: migrates the database the
// server would open and fills it with the demo company. A real deployment gets demo data
// only this way, on purpose.
import { parseArgs } from "node:util";
import {
  DEFAULT_DEMO_LEADS,
  DEFAULT_DEMO_SEED,
  DemoAlreadySeededError,
  demoPeople,
  seedDemo,
} from "../demo/index";
import { openDatabaseFromEnv } from "./migrate";

const usage = "usage: pnpm seed:demo [--leads N] [--seed S] [--today YYYY-MM-DD]";

function parseOptions() {
  const { values } = parseArgs({
    options: {
      leads: { type: "string" },
      seed: { type: "string" },
      today: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  return {
    leads: values.leads === undefined ? DEFAULT_DEMO_LEADS : wholeNumber("--leads", values.leads),
    seed: values.seed === undefined ? DEFAULT_DEMO_SEED : wholeNumber("--seed", values.seed),
    today: values.today,
  };
}

/** Accepts 1000000, 1_000_000 and 1,000,000. */
function wholeNumber(flag: string, text: string): number {
  const value = Number(text.replace(/[_,]/g, ""));
  if (!Number.isSafeInteger(value))
    throw new Error(`${flag} must be a whole number, got "${text}"\n${usage}`);
  return value;
}

async function main(): Promise<void> {
  const options = parseOptions();
  const { database, where } = openDatabaseFromEnv();
  try {
    const started = performance.now();
    await database.migrate();
    console.log(`Migrated ${where} in ${Math.round(performance.now() - started)} ms`);
    const result = await seedDemo(database, { ...options, log: (m) => console.log(m) });
    const { counts, timings } = result;
    const rows = counts.leads + counts.deals + counts.touchpoints + counts.feedback;
    const perSecond = Math.round(rows / (timings.factsMs / 1000));
    console.log(
      `Facts: ${rows.toLocaleString("en-US")} rows in ${(timings.factsMs / 1000).toFixed(1)} s ` +
        `(${perSecond.toLocaleString("en-US")} rows/s); rollups ${(timings.rollupsMs / 1000).toFixed(1)} s; ` +
        `total ${(timings.totalMs / 1000).toFixed(1)} s`,
    );
    console.log(`\nDemo sign-ins (password: ${demoPeople[0]?.password ?? ""}):`);
    for (const person of demoPeople) console.log(`  ${person.email.padEnd(22)} ${person.role}`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof DemoAlreadySeededError) console.error(error.message);
  else console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
