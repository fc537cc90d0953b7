import { readFileSync } from "node:fs";
import { getDeal } from "@tandem/db/queries/facts";
import { countFacts } from "@tandem/db/queries/ingest-inspect";
import { describeEachEngine } from "@tandem/db/testing";
import { beforeAll, expect, it } from "vitest";
import { runTandem } from "../../cli/run";
import {
  type Caller,
  createOwner,
  createTestApp,
  newOrganization,
  readAs,
  type TestApp,
  uploadCsv,
} from "../../testing/test-app";
import { ingestResultSchema } from "../ingest/ingest.schemas";

const fixturePath = (name: string) => new URL(`../../ingest/fixtures/${name}`, import.meta.url);

const upload = (app: TestApp, caller: Caller, kind: string, name: string, query: string) =>
  uploadCsv(app, caller, kind, readFileSync(fixturePath(name)), query);

// A Salesforce report exported as CSV: US dates and dollars, a quoted line break, a "Grand
// Totals" row and the confidentiality and copyright footer. Campaign members that are
// contacts (LeadId blank, ContactId set).
describeEachEngine("CRM report exports", (db) => {
  let app: TestApp;
  let owner: Caller & { orgId: string };
  beforeAll(async () => {
    app = createTestApp(db()).app;
    owner = await createOwner(app, { currency: "USD", timezone: "America/New_York" });
  });

  it("imports a Salesforce report's records and skips its totals and footer with a note", async () => {
    const response = await upload(
      app,
      owner,
      "deals",
      "salesforce-report-opportunities.csv",
      "preset=salesforce",
    );
    expect(response.status, await response.clone().text()).toBe(200);
    const result = await readAs(response, ingestResultSchema);
    expect(result).toMatchObject({ records: 4, inserted: 4 });
    expect(result.notes).toEqual([
      { line: 7, message: 'skipped a report totals row "Grand Totals (4 records)"' },
      {
        line: 10,
        message: 'skipped a report footer line "Confidential Information - Do Not Distribute"',
      },
      {
        line: 12,
        message:
          'skipped a report footer line "Copyright (c) 2000-2026 salesforce.com, inc. All rights r…"',
      },
    ]);
    // "Total Wine & More" is an account, not a totals row.
    expect(await getDeal(db().db, owner.orgId, "0065g00000R2x04AAB")).toMatchObject({
      amount: 900_000,
      stage: "Closed Lost",
      status: "lost",
      closedAt: new Date("2026-03-25T04:00:00Z"),
    });
    expect(await getDeal(db().db, owner.orgId, "0065g00000R2x02AAB")).toMatchObject({
      amount: 480_050,
      createdAt: new Date("2026-03-06T05:00:00Z"),
    });
  });

  it("reads the same report from the command line, notes included", async () => {
    const org = await newOrganization(app, owner, { currency: "USD", timezone: "UTC" });
    const out: string[] = [];
    const io = {
      out: (line: string) => out.push(line),
      err: (line: string) => out.push(line),
      readFile: async () => "",
      readBytes: async (path: string) => readFileSync(path),
      openDatabase: async () => ({ ...db(), close: async () => {} }),
    };
    const file = fixturePath("salesforce-report-opportunities.csv").pathname;
    const args = [
      "import",
      "deals",
      file,
      "--direct",
      "--org",
      org.orgId,
      "--preset",
      "salesforce",
    ];
    expect(await runTandem(args, io), out.join("\n")).toBe(0);
    expect(out.join("\n")).toContain('line 7: skipped a report totals row "Grand Totals');
    expect(await countFacts(db().db, "deals", org.orgId)).toBe(4);
  });

  it("links campaign members that are contacts through ContactId", async () => {
    const response = await upload(
      app,
      owner,
      "touchpoints",
      "salesforce-campaign-members-contacts.csv",
      "preset=salesforce",
    );
    // Without the fallback, the two contact rows would be refused for a blank LeadId.
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await readAs(response, ingestResultSchema)).toMatchObject({ records: 3, inserted: 3 });
  });
});
