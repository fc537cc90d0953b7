import { relative } from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The slowest files of each project (vitest's JSON report of a fresh-clone run, 2026-12-06),
 * slowest first. Vitest starts long files first from its cache of the last run's durations,
 * but a fresh clone (CI) has no cache and it falls back to file size: screens.e2e, one of the
 * smallest files and among the slowest, then started last and ran alone for its last 33 s.
 */
const slowest = [
  "test/e2e/settings.e2e.test.ts",
  "test/e2e/screens.e2e.test.ts",
  "test/e2e/sign-in.e2e.test.ts",
  "test/e2e/phone.e2e.test.ts",
  "test/e2e/plan.e2e.test.ts",
  "test/e2e/check-ins.e2e.test.ts",
  "test/e2e/tv.e2e.test.ts",
  "api/src/notify/scheduler.test.ts",
  "api/src/routes/key-results/corrections.test.ts",
  "api/src/routes/sso/sso-settings.test.ts",
  "api/src/routes/ingest/ingest.test.ts",
];

/** Vitest's order, except that within each project the files named above go first, in order. */
export default class SlowFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const root = this.ctx.config.root;
    const rank = (spec: TestSpecification) => {
      const index = slowest.indexOf(relative(root, spec.moduleId));
      return index === -1 ? slowest.length : index;
    };
    // The base order keeps each project's files together (projects run one after the other);
    // each run of one project's files is reordered on its own, stably.
    const runs: TestSpecification[][] = [];
    for (const spec of sorted) {
      const run = runs.at(-1);
      if (run && run[0]?.project.name === spec.project.name) run.push(spec);
      else runs.push([spec]);
    }
    return runs.flatMap((run) => run.toSorted((a, b) => rank(a) - rank(b)));
  }
}
