import { ms, perSecond, times } from "./format";
import type { BenchRun, CitusFigures } from "./results";

/** `pnpm bench --citus`: the cluster's summary and ingest figures beside the single server's. */
export function citusSection(run: BenchRun): string[] {
  const citus = run.citus;
  if (!citus) return [];
  const lines = [
    "## On a Citus cluster, beside the single server",
    "",
    `${citus.cluster}, all on this machine (scripts/citus/start.sh; docs/scaling.md), against the ` +
      "single PostgreSQL server above, in the same run. Same data sets (generated into databases " +
      "distributed by `pnpm db:distribute`, 32 shards), same load, same API; the API talks to " +
      "the coordinator. Every node shares the machine's cores with the API and the load, so " +
      "this shows what distribution costs per request, not what more machines would add.",
    "",
    "| figure | single server | Citus | Citus ÷ single |",
    "|---|---|---|---|",
  ];
  for (const row of rows(run, citus)) lines.push(`| ${row.join(" | ")} |`);
  for (const [name, outcome] of [
    ["summary", citus.summary],
    ["ingest", citus.ingest],
  ] as const) {
    if (!outcome.ok) lines.push("", `Citus ${name}: not measured: ${outcome.reason}`);
  }
  return [...lines, ""];
}

function rows(run: BenchRun, citus: CitusFigures): string[][] {
  const out: string[][] = [];
  if (citus.summary.ok) {
    for (const c of citus.summary.figures) {
      const s = run.summary.ok
        ? run.summary.figures.find((f) => f.dataset.label === c.dataset.label)
        : undefined;
      const pair = (name: string, single: number | undefined, cluster: number) => [
        `${c.dataset.label} ${name}`,
        single === undefined ? "–" : ms(single),
        ms(cluster),
        single === undefined ? "–" : times(cluster / single),
      ];
      out.push(
        pair(`summary p50 (${c.connections} connections)`, s?.summary.p50Ms, c.summary.p50Ms),
        pair(`summary p99 (${c.connections} connections)`, s?.summary.p99Ms, c.summary.p99Ms),
        pair("summary p99 (1 connection)", s?.summarySerial.p99Ms, c.summarySerial.p99Ms),
        // The summary mostly answers from memory (decision 046); the naive summary reads the
        // facts in SQL on every request, so it shows the database's own cost.
        pair(`naive summary p99 (${c.connections} connections)`, s?.naive.p99Ms, c.naive.p99Ms),
        pair(`health p99 (${c.connections} connections)`, s?.health.p99Ms, c.health.p99Ms),
      );
    }
  }
  if (citus.ingest.ok) {
    const c = citus.ingest.figures;
    const s = run.ingest.ok ? run.ingest.figures : undefined;
    const pair = (name: string, single: number | undefined, cluster: number) => [
      name,
      single === undefined ? "–" : perSecond(single),
      perSecond(cluster),
      single === undefined ? "–" : times(cluster / single),
    ];
    out.push(
      pair("ingest API records/s", s?.apiRecordsPerSecond, c.apiRecordsPerSecond),
      pair(
        "ingest API records/s, resent unchanged",
        s?.resendRecordsPerSecond,
        c.resendRecordsPerSecond,
      ),
      pair("COPY records/s", s?.copyRecordsPerSecond, c.copyRecordsPerSecond),
    );
  }
  return out;
}

/** The console lines of the cluster's figures. */
export function citusConsoleLines(run: BenchRun): string[] {
  if (!run.citus) return [];
  return rows(run, run.citus).map((r) => `  citus ${r[0]}: ${r[2]} (single server ${r[1]})`);
}
