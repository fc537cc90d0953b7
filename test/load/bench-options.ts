import { parseArgs } from "node:util";
import { DATASETS, type DatasetSpec, DEFAULT_BENCH_DATABASE_URL } from "./datasets";

export const PARTS = ["revenue", "summary", "forecast", "ingest", "live", "web"] as const;
export type Part = (typeof PARTS)[number];

export interface BenchOptions {
  mode: "quick" | "full";
  sizes: DatasetSpec[];
  parts: Set<Part>;
  databaseUrl: string;
  /** Where the report goes, relative to the repository. */
  out: string;
  connections: number;
  durationSeconds: number;
  serialSeconds: number;
  webLoads: number;
  streams: number;
  /**
   * `--citus`: the summary and ingest parts run a second time on a Citus cluster (its
   * coordinator's URL: BENCH_CITUS_URL, else TEST_CITUS_URL), reported beside the single server's.
   */
  citusUrl: string | null;
}

const usage = `usage: pnpm bench [--quick] [--sizes 10k,100k,1m,10m] [--only revenue,summary,forecast,ingest,live,web] [--citus] [--out docs/benchmarks.md]
  --quick   10k and 100k only, short runs, 200 streams: under 2 minutes
  --citus   summary and ingest also on the Citus cluster at BENCH_CITUS_URL or TEST_CITUS_URL
            (scripts/citus/start.sh prints it), beside the single server's figures
  BENCH_DATABASE_URL  the PostgreSQL server for the data sets (default ${DEFAULT_BENCH_DATABASE_URL})`;

export function parseBenchOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: "boolean", default: false },
      citus: { type: "boolean", default: false },
      sizes: { type: "string" },
      only: { type: "string" },
      out: { type: "string", default: "docs/benchmarks.md" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const quick = values.quick;
  const citusUrl = process.env.BENCH_CITUS_URL || process.env.TEST_CITUS_URL || null;
  if (values.citus && !citusUrl)
    throw new Error(
      `--citus needs the coordinator's URL in BENCH_CITUS_URL or TEST_CITUS_URL (scripts/citus/start.sh prints it)\n${usage}`,
    );
  const sizeLabels =
    values.sizes?.split(",") ?? (quick ? ["10k", "100k"] : DATASETS.map((d) => d.label));
  const sizes = sizeLabels.map((label) => {
    const spec = DATASETS.find((d) => d.label === label.trim().toLowerCase());
    if (!spec) throw new Error(`unknown size "${label}"\n${usage}`);
    return spec;
  });
  const parts = new Set<Part>();
  for (const name of values.only?.split(",") ?? PARTS) {
    const part = PARTS.find((p) => p === name.trim());
    if (!part) throw new Error(`unknown part "${name}"\n${usage}`);
    parts.add(part);
  }
  return {
    mode: quick ? "quick" : "full",
    sizes: DATASETS.filter((d) => sizes.includes(d)),
    parts,
    databaseUrl: process.env.BENCH_DATABASE_URL || DEFAULT_BENCH_DATABASE_URL,
    out: values.out,
    connections: 10,
    durationSeconds: quick ? 3 : 10,
    serialSeconds: quick ? 2 : 5,
    webLoads: quick ? 3 : 7,
    streams: quick ? 200 : 1_000,
    citusUrl: values.citus ? citusUrl : null,
  };
}
