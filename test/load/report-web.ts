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
    ...f.loads.map(
      (l) =>
        `| the same loads as Playwright's wait saw them, median, ${l.dataset} | ${ms(l.medianSeenMs)} | ` +
        `${ms(l.medianUsableMs)} (usable) | ${times(l.medianSeenMs / l.medianUsableMs)} | – |`,
    ),
    "",
    "Usable = from navigation to `/` until the headline number is painted, on the page's clock",
    "(checked every frame; decision 053), in headless Chromium on loopback, each load in a fresh",
    "context (empty cache) with the session cookie set, after one uncounted warm-up load.",
    "Playwright's `waitFor` polls with a back-off (every 500 ms after the first 270 ms), so the",
    "time it sees, which reports before decision 053 gave as usable, is late by up to half a",
    "second. The budget is held against the largest data set; the smallest shows the web app's",
    "own share. Each load: " +
      f.loads.map((l) => `${l.dataset} ${l.usableMs.map((v) => ms(v)).join(", ")}`).join("; ") +
      ".",
    `Initial files: ${f.initialJsFiles.map((p) => `\`${p}\``).join(", ")}.`,
    "",
    ...f.loads.flatMap((l) => criticalPath(l)),
    ...(budgetLoads ? timelineTable(budgetLoads) : []),
  ];
}

function timelineTable(loads: WebLoads): string[] {
  return [
    `The requests of the median load on ${loads.dataset}, on the bench's clock from the start of navigation:`,
    "",
    "| request | start | end |",
    "|---|---|---|",
    ...[...loads.timeline]
      .sort((a, b) => a.startMs - b.startMs)
      .map((t) => `| \`${t.path}\` | ${ms(t.startMs)} | ${ms(t.endMs)} |`),
    "",
  ];
}

/** What the median load waited for, on the page's clock. */
function criticalPath(loads: WebLoads): string[] {
  const m = loads.milestones;
  return [
    `- ${loads.dataset}, median load (${ms(loads.medianUsableMs)}): index.html in at ${ms(m.documentMs)}; ` +
      `the first screen's answer (\`/api/v1/first-screen\`) at ${ms(m.firstScreenMs)}; the last ` +
      `script at ${ms(m.scriptsInMs)}; DOMContentLoaded at ${ms(m.domContentLoadedMs)}; first ` +
      `paint ("Loading Tandem…") at ${ms(m.firstContentfulPaintMs)}; from the later of the answer ` +
      `and the scripts to the headline painted: ` +
      `${ms(loads.medianUsableMs - Math.max(m.firstScreenMs, m.scriptsInMs))}.`,
    "",
  ];
}
