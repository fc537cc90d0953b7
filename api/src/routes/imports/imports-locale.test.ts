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
import { csvProblemSchema, ingestResultSchema } from "../ingest/ingest.schemas";

const fixturePath = (name: string) => new URL(`../../ingest/fixtures/${name}`, import.meta.url);

// Amounts and dates as the export's locale writes them: the decimal mark and the date order
// are decided once per file from its own cells, or asked when the cells read two ways.
describeEachEngine("CSV amounts and dates in the export's locale", (db) => {
  let app: TestApp;
  let owner: Caller & { orgId: string };
  beforeAll(async () => {
    app = createTestApp(db()).app;
    owner = await createOwner(app, { currency: "EUR", timezone: "Europe/Berlin" });
  });

  it("reads a de-DE Excel re-save: 24.000,00 €, 12.500 as twelve thousand five hundred, dotted dates", async () => {
    const response = await uploadCsv(
      app,
      owner,
      "deals",
      readFileSync(fixturePath("hubspot-deals-excel-de.csv")),
      "preset=hubspot",
    );
    expect(response.status, await response.clone().text()).toBe(200);
    const amounts = await Promise.all(
      ["90101", "90102", "90103", "90104"].map(async (id) => {
        const deal = await getDeal(db().db, owner.orgId, id);
        return [deal?.amount, deal?.createdAt.toISOString(), deal?.closedAt?.toISOString()];
      }),
    );
    expect(amounts).toEqual([
      [2_400_000, "2026-03-09T15:00:00.000Z", "2026-03-27T16:00:00.000Z"],
      [480_050, "2026-03-06T11:30:00.000Z", "2026-03-20T11:00:00.000Z"],
      [1_250_000, "2026-03-12T15:30:00.000Z", undefined],
      [0, "2026-03-13T08:00:00.000Z", undefined],
    ]);
  });

  it("asks for the decimal mark and the date order when the file does not prove them, then reads it as told", async () => {
    const org = await newOrganization(app, owner, { currency: "USD", timezone: "UTC" });
    const file = readFileSync(fixturePath("hubspot-deals-ambiguous.csv"));
    const asked = await uploadCsv(app, org, "deals", file, "preset=hubspot");
    expect(asked.status).toBe(422);
    const problem = await readAs(asked, csvProblemSchema);
    expect(problem.errors?.map((e) => [e.path, e.column, e.line, e.value, e.options])).toEqual([
      ["decimal", "Amount", 2, "12.500", ["point", "comma"]],
      ["dateOrder", "Create Date", 2, "03/04/2026", ["month-first", "day-first"]],
    ]);
    expect(problem.detail).toContain('"12.500" (line 2) reads two ways');
    expect(await countFacts(db().db, "deals", org.orgId)).toBe(0);

    // The preview shows the rows as the answers read them, before anything is written.
    const preview = await uploadCsv(
      app,
      org,
      "deals",
      file,
      "preset=hubspot&decimal=comma&dateOrder=day-first&dryRun=true",
    );
    expect((await readAs(preview, ingestResultSchema)).preview).toMatchObject({
      columns: { amount: "Amount", createdAt: "Create Date" },
      rows: [
        {
          line: 2,
          values: { externalId: "91001", amount: 12500, createdAt: "2026-04-03T00:00:00.000Z" },
        },
        { line: 3, values: { externalId: "91002", amount: 1.25 } },
      ],
    });
    expect(await countFacts(db().db, "deals", org.orgId)).toBe(0);
    const told = await uploadCsv(
      app,
      org,
      "deals",
      file,
      "preset=hubspot&decimal=comma&dateOrder=day-first",
    );
    expect(told.status, await told.clone().text()).toBe(200);
    expect(await getDeal(db().db, org.orgId, "91001")).toMatchObject({
      amount: 1_250_000,
      createdAt: new Date("2026-04-03T00:00:00Z"),
      closedAt: new Date("2026-05-03T00:00:00Z"),
    });
    expect(await getDeal(db().db, org.orgId, "91002")).toMatchObject({ amount: 125 });
  });

  it("asks when cells contradict each other, and names both", async () => {
    const org = await newOrganization(app, owner, { currency: "USD", timezone: "UTC" });
    const csv = [
      "externalId,status,amount,createdAt",
      'd1,open,"$1,234.56",9/16/2026',
      'd2,open,"1.234,56",16/09/2026',
    ].join("\n");
    const response = await uploadCsv(app, org, "deals", csv, "");
    expect(response.status).toBe(422);
    const problem = await readAs(response, csvProblemSchema);
    expect(problem.errors?.map((e) => [e.path, e.line, e.message])).toEqual([
      [
        "decimal",
        3,
        '"$1,234.56" (line 2) has a decimal point and "1.234,56" (line 3) a decimal comma: send decimal=point or decimal=comma for the file',
      ],
      [
        "dateOrder",
        3,
        '"9/16/2026" (line 2) is written month first and "16/09/2026" (line 3) day first: send dateOrder=month-first or dateOrder=day-first for the file',
      ],
    ]);
    // Told, the cell that does not fit the choice is the one reported, with its line.
    const told = await uploadCsv(app, org, "deals", csv, "decimal=point&dateOrder=month-first");
    expect(told.status).toBe(422);
    const lines = (await readAs(told, csvProblemSchema)).errors?.map((e) => [e.line, e.path]);
    expect(lines).toEqual([
      [3, "amount"],
      [3, "createdAt"],
    ]);
  });

  it("asks on the command line too, and takes --decimal and --date-order", async () => {
    const org = await newOrganization(app, owner, { currency: "USD", timezone: "UTC" });
    const out: string[] = [];
    const io = {
      out: (line: string) => out.push(line),
      err: (line: string) => out.push(line),
      readFile: async () => "",
      readBytes: async (path: string) => readFileSync(path),
      openDatabase: async () => ({ ...db(), close: async () => {} }),
    };
    const file = fixturePath("hubspot-deals-ambiguous.csv").pathname;
    const base = ["import", "deals", file, "--direct", "--org", org.orgId, "--preset", "hubspot"];
    expect(await runTandem(base, io)).toBe(1);
    expect(out.join("\n")).toContain("choose with --decimal point|comma");
    expect(out.join("\n")).toContain("choose with --date-order month-first|day-first");
    const told = [...base, "--decimal", "point", "--date-order", "month-first"];
    expect(await runTandem(told, io), out.join("\n")).toBe(0);
    expect(await getDeal(db().db, org.orgId, "91001")).toMatchObject({
      amount: 1250,
      createdAt: new Date("2026-03-04T00:00:00Z"),
    });
    expect(await runTandem([...base, "--decimal", "dot"], io)).toBe(2);
  });
});
