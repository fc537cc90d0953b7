import { countFacts } from "@tandem/db/queries/ingest-inspect";
import { describeEachEngine } from "@tandem/db/testing";
import { beforeAll, expect, it } from "vitest";
import {
  type Caller,
  createOwner,
  createTestApp,
  readAs,
  type TestApp,
  uploadCsv,
} from "../../testing/test-app";
import { ingestResultSchema } from "../ingest/ingest.schemas";

const upload = (app: TestApp, caller: Caller, csv: string, query: string) =>
  uploadCsv(app, caller, "leads", csv, query);

const csv = [
  "externalId,createdAt,source",
  "s1,2026-03-01,web",
  "s2,yesterday,web",
  "s3,2026-03-02,",
  "s4,2026-03-03,ads",
].join("\n");

// All or nothing by default; the caller may ask to write the good rows, and preview first.
describeEachEngine("CSV imports that skip bad rows", (db) => {
  let app: TestApp;
  let owner: Caller & { orgId: string };
  beforeAll(async () => {
    app = createTestApp(db()).app;
    owner = await createOwner(app, { currency: "USD", timezone: "UTC" });
  });

  it("refuses the file by default, previews the skip on a dry run, then writes the good rows", async () => {
    expect((await upload(app, owner, csv, "")).status).toBe(422);
    expect(await countFacts(db().db, "leads", owner.orgId)).toBe(0);

    const preview = await upload(app, owner, csv, "skipInvalid=true&dryRun=true");
    expect(preview.status, await preview.clone().text()).toBe(200);
    const previewed = await readAs(preview, ingestResultSchema);
    expect(previewed).toMatchObject({ dryRun: true, records: 2, inserted: 2 });
    expect(previewed.skipped).toEqual([
      {
        line: 3,
        path: "createdAt",
        column: "createdAt",
        reason: expect.stringContaining('"yesterday" is not a date or time'),
      },
      {
        line: 4,
        path: "source",
        column: "source",
        reason: 'is required: the "source" cell is empty',
      },
    ]);
    expect(await countFacts(db().db, "leads", owner.orgId)).toBe(0);

    const written = await readAs(
      await upload(app, owner, csv, "skipInvalid=true"),
      ingestResultSchema,
    );
    expect(written).toMatchObject({ dryRun: false, records: 2, inserted: 2 });
    expect(written.skipped?.map((s) => s.line)).toEqual([3, 4]);
    expect(await countFacts(db().db, "leads", owner.orgId)).toBe(2);
  });

  it("still refuses a file whose header is wrong, skip or not", async () => {
    const response = await upload(app, owner, "id,when\n1,2026-03-01\n", "skipInvalid=true");
    expect(response.status).toBe(422);
  });
});
