import { readFileSync } from "node:fs";
import { countFacts, ingestSnapshot, storedRollups } from "@tandem/db/queries/ingest-inspect";
import { diffRollups } from "@tandem/db/queries/rollups";
import { describeEachEngine } from "@tandem/db/testing";
import { beforeAll, expect, it } from "vitest";
import {
  addMember,
  type Caller,
  createOwner,
  createTestApp,
  readAs,
  TEST_ORIGIN,
  type TestApp,
  uploadCsv,
} from "../../testing/test-app";
import { csvProblemSchema, ingestResultSchema } from "../ingest/ingest.schemas";

const fixture = (name: string) =>
  readFileSync(new URL(`../../ingest/fixtures/${name}`, import.meta.url), "utf8");

async function uploadOk(
  app: TestApp,
  caller: Caller,
  kind: string,
  csv: string | FormData,
  query = "",
) {
  const response = await uploadCsv(app, caller, kind, csv, query);
  if (response.status !== 200) throw new Error(`${response.status} ${await response.text()}`);
  return readAs(response, ingestResultSchema);
}

describeEachEngine("CSV imports", (db) => {
  let app: TestApp;
  let owner: Caller & { orgId: string };
  let exec: Caller;
  let member: Caller;
  beforeAll(async () => {
    app = createTestApp(db()).app;
    owner = await createOwner(app, { currency: "USD", timezone: "America/New_York" });
    exec = await addMember(app, owner, "exec");
    member = await addMember(app, owner, "member");
  });

  it("imports HubSpot contacts and deals with the preset, deals credited to their contacts' sources", async () => {
    const dry = await uploadOk(
      app,
      exec,
      "leads",
      fixture("hubspot-contacts.csv"),
      "preset=hubspot&dryRun=true",
    );
    expect(dry).toMatchObject({ dryRun: true, records: 8, inserted: 8 });
    expect(await countFacts(db().db, "leads", owner.orgId)).toBe(0);

    expect(
      await uploadOk(app, exec, "leads", fixture("hubspot-contacts.csv"), "preset=hubspot"),
    ).toMatchObject({
      inserted: 8,
      updated: 0,
    });
    const deals = await uploadOk(
      app,
      owner,
      "deals",
      fixture("hubspot-deals.csv"),
      "preset=hubspot",
    );
    expect(deals).toMatchObject({ inserted: 5, unknownLeads: 0 });
    const rollups = await storedRollups(db().db, owner.orgId);
    expect(
      rollups.filter((r) => r.wins > 0).map((r) => [r.day, r.source, r.campaign, r.wonAmount]),
    ).toEqual([
      ["2026-03-20", "Offline Sources", "IMPORT", 480050],
      ["2026-03-27", "Paid Search", "spring-brand", 2400000],
    ]);
    expect(await diffRollups(db().db, owner.orgId)).toEqual([]);
    // The same file again changes nothing.
    expect(
      await uploadOk(app, owner, "deals", fixture("hubspot-deals.csv"), "preset=hubspot"),
    ).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: 5,
    });
  });

  it("imports Salesforce leads, opportunities and campaign members, from a multipart form too", async () => {
    const form = new FormData();
    form.set(
      "file",
      new Blob([fixture("salesforce-leads.csv")], { type: "text/csv" }),
      "leads.csv",
    );
    expect(await uploadOk(app, owner, "leads", form, "preset=salesforce")).toMatchObject({
      inserted: 6,
    });
    expect(
      await uploadOk(
        app,
        owner,
        "deals",
        fixture("salesforce-opportunities.csv"),
        "preset=salesforce",
      ),
    ).toMatchObject({ inserted: 4, unknownLeads: 0 });
    expect(
      await uploadOk(
        app,
        owner,
        "touchpoints",
        fixture("salesforce-campaign-members.csv"),
        "preset=salesforce",
      ),
    ).toMatchObject({ inserted: 4, unknownLeads: 0 });
    expect(await diffRollups(db().db, owner.orgId)).toEqual([]);
  });

  it("reports bad lines with their numbers and writes nothing, dry run or not", async () => {
    const csv = [
      "Id,When,Channel",
      "x1,2026-03-01 09:00,web",
      "",
      "x2,1st March 2026,web",
      'x3,2026-03-02,"paid, search"',
      "x4,2026-03-02,",
    ].join("\r\n");
    const before = await ingestSnapshot(db().db, owner.orgId);
    for (const query of ["dryRun=true&", ""]) {
      const response = await uploadCsv(
        app,
        owner,
        "leads",
        csv,
        `${query}map=Id%3DexternalId&map=When%3DcreatedAt&map=Channel%3Dsource`,
      );
      expect(response.status).toBe(422);
      const problem = await readAs(response, csvProblemSchema);
      expect(problem.errors?.map((e) => [e.line, e.path, e.column])).toEqual([
        [4, "createdAt", "When"],
        [6, "source", "Channel"],
      ]);
      expect(problem.detail).toContain("line 4");
    }
    expect(await ingestSnapshot(db().db, owner.orgId)).toEqual(before);
  });

  it("is for execs and owners, with a CSV body", async () => {
    const denied = await uploadCsv(
      app,
      member,
      "leads",
      fixture("hubspot-contacts.csv"),
      "preset=hubspot",
    );
    expect(denied.status).toBe(403);
    const json = await app.request(`${TEST_ORIGIN}/api/v1/imports/leads`, {
      method: "POST",
      headers: { origin: TEST_ORIGIN, cookie: owner.cookie, "content-type": "application/json" },
      body: "{}",
    });
    expect(json.status).toBe(400);
    const badKind = await uploadCsv(app, owner, "contacts", "a\n1\n");
    expect(badKind.status).toBe(422);
    const badMap = await uploadCsv(app, owner, "leads", "a\n1\n", "map=nonsense");
    expect(badMap.status).toBe(422);
  });
});
