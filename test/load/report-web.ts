import { BUDGETS } from "./budgets";
import { kb, ms, times } from "./format";
import type { PartOutcome, WebFigures, WebLoads } from "./results";

export function webSection(outcome: PartOutcome<WebFigures>): string[] {
  const lines = ["## Web", ""];
  if (!outcome.ok) return [...lines, `Not measured: ${outcome.reason}`, ""];
  const f = outcome.figures;
  const budgetLoads = f.loads.at(-1);
  return [
    ...lines,
    `Build: ${f.build}. Sizes are gzip at zlib's default level.`,
    "",
    "| figure | value | baseline | ratio | budget |",
    "|---|---|---|---|---|",
    `| initial JavaScript (entry + modulepreloads of index.html) | ${kb(f.initialJsGzipBytes)} | ` +
      `${kb(BUDGETS.initialJsGzipBytes)} (budget) | ${times(f.initialJsGzipBytes / BUDGETS.initialJsGzipBytes)} | < ${kb(BUDGETS.initialJsGzipBytes)} |`,
    `| all JavaScript fetched to show the dashboard at / | ${kb(f.dashboardJsGzipBytes)} | ` +
      `${kb(f.initialJsGzipBytes)} (initial) | ${times(f.dashboardJsGzipBytes / f.initialJsGzipBytes)} | – |`,
    ...f.loads.map(
      (l) =>
        `| dashboard usable, median, ${l.dataset} data set | ${ms(l.medianUsableMs)} | ${ms(BUDGETS.dashboardUsableMs)} (budget) | ` +
        `${times(l.medianUsableMs / BUDGETS.dashboardUsableMs)} | < ${ms(BUDGETS.dashboardUsableMs)} |`,
    ),
    "",
    "Usable = from navigation to `/` until the headline number is visible, in headless Chromium on",
    "loopback, each load in a fresh context (empty cache) with the session cookie set, after one",
    "uncounted warm-up load. The budget is held against the largest data set; the smallest shows",
    "the web app's own share. Each load: " +
      f.loads.map((l) => `${l.dataset} ${l.usableMs.map((v) => ms(v)).join(", ")}`).join("; ") +
      ".",
    `Initial files: ${f.initialJsFiles.map((p) => `\`${p}\``).join(", ")}.`,
    "",
    ...f.loads.flatMap((l) => criticalPath(l, f.initialJsFiles)),
    ...(budgetLoads ? timelineTable(budgetLoads) : []),
  ];
}

function timelineTable(loads: WebLoads): string[] {
  return [
    `The requests of the last load on ${loads.dataset}, from the start of navigation:`,
    "",
    "| request | start | end |",
    "|---|---|---|",
    ...[...loads.timeline]
      .sort((a, b) => a.startMs - b.startMs)
      .map((t) => `| \`${t.path}\` | ${ms(t.startMs)} | ${ms(t.endMs)} |`),
    "",
  ];
}

/** The critical path of the last load, read off its requests. */
function criticalPath(loads: WebLoads, initialJsFiles: readonly string[]): string[] {
  const last = loads.usableMs.at(-1);
  const find = (test: (path: string) => boolean) => loads.timeline.find((t) => test(t.path));
  const scriptsEnd = Math.max(
    0,
    ...loads.timeline.filter((t) => initialJsFiles.includes(t.path)).map((t) => t.endMs),
  );
  const firstApi = find((p) => p.startsWith("/api/"));
  const summary = find((p) => p.endsWith("/summary"));
  if (last === undefined || !firstApi || !summary) return [];
  return [
    `- ${loads.dataset}, last load (${ms(last)}): the initial scripts are in by ${ms(scriptsEnd)}; the app's ` +
      `first request (\`${firstApi.path}\`) starts at ${ms(firstApi.startMs)}, so evaluating the ` +
      `scripts takes ${ms(firstApi.startMs - scriptsEnd)}; each request then waits for the one before ` +
      `it, and the summary answers at ${ms(summary.endMs)} (itself ${ms(summary.endMs - summary.startMs)}); ` +
      `drawing the dashboard takes the last ${ms(last - summary.endMs)}.`,
    "",
  ];
}
