import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { csvToBatch } from "./csv-batch";

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8");
const berlin = { currency: "EUR", timeZone: "Europe/Berlin" };

function records(result: ReturnType<typeof csvToBatch>) {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.batch.records;
}

describe("csvToBatch with the HubSpot preset", () => {
  it("maps a contacts export to leads, times read in the organization's timezone", () => {
    const result = csvToBatch(
      "leads",
      fixture("hubspot-contacts.csv"),
      { preset: "hubspot" },
      berlin,
    );
    const leads = records(result);
    expect(leads).toHaveLength(8);
    expect(leads[0]).toEqual({
      externalId: "51001",
      createdAt: "2026-03-02T08:14:00.000Z",
      source: "Paid Search",
      campaign: "spring-brand",
      mqlAt: "2026-03-03T10:02:00.000Z",
      sqlAt: "2026-03-09T14:40:00.000Z",
      firstContactAt: "2026-03-03T15:20:00.000Z",
      email: "maya@northwind.example",
      company: "Northwind Traders",
      owner: "Sam Okafor",
    });
    // Blank cells of the file's columns are empty values: they clear what was stored.
    expect(leads[4]).toMatchObject({ externalId: "51005", campaign: "", mqlAt: null, owner: null });
    // The blank line 5 is skipped but still counted.
    if (result.ok) expect(result.lines.slice(0, 4)).toEqual([2, 3, 4, 6]);
  });

  it("maps a deals export: the stage as the CRM names it, amounts with separators, the first associated contact", () => {
    const deals = records(
      csvToBatch("deals", fixture("hubspot-deals.csv"), { preset: "hubspot" }, berlin),
    );
    expect(
      deals.map((d) => "stage" in d && [d.externalId, d.stage, d.amount, d.leadExternalId]),
    ).toEqual([
      ["90001", "Closed Won", 2400000, "51001"],
      ["90002", "Closed Won", 480050, "51004"],
      ["90003", "Contract Sent", 1850000, "51007"],
      ["90004", "Closed Lost", 900000, "51002"],
      ["90005", "Appointment Scheduled", 600000, null],
    ]);
    expect(deals[0]).toMatchObject({ closedAt: "2026-03-27T16:00:00.000Z", owner: "Sam Okafor" });
  });
});

describe("csvToBatch with the Salesforce preset", () => {
  it("reads the forecast category as the CRM spells it, and refuses one it cannot read", () => {
    const csv = [
      "Id,StageName,Amount,CreatedDate,ForecastCategoryName",
      "0061,Negotiation/Review,100,2026-03-09,Best Case",
      "0062,Closed Won,100,2026-03-09,Closed",
      "0063,Prospecting,100,2026-03-09,",
    ].join("\n");
    const deals = records(csvToBatch("deals", csv, { preset: "salesforce" }, berlin));
    expect(deals.map((d) => "forecastCategory" in d && d.forecastCategory)).toEqual([
      "best_case",
      "commit",
      null,
    ]);
    const bad = csvToBatch(
      "deals",
      "Id,StageName,CreatedDate,ForecastCategoryName\n0064,Prospecting,2026-03-09,Maybe\n",
      { preset: "salesforce" },
      berlin,
    );
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors.map((e) => [e.line, e.path])).toEqual([[2, "forecastCategory"]]);
  });

  it("maps leads, opportunities and campaign members", () => {
    const leads = records(
      csvToBatch("leads", fixture("salesforce-leads.csv"), { preset: "salesforce" }, berlin),
    );
    expect(leads[0]).toEqual({
      externalId: "00Q5g00000AbC001EAA",
      createdAt: "2026-03-02T08:14:00.000Z",
      source: "Web",
      mqlAt: "2026-03-03T10:02:00.000Z",
      sqlAt: "2026-03-08T23:00:00.000Z",
      email: "maya@northwind.example",
      company: "Northwind Traders",
      // ConvertedOpportunityId: the opportunity this lead became.
      dealExternalIds: ["0065g00000Q1w01AAB"],
    });
    const deals = records(
      csvToBatch(
        "deals",
        fixture("salesforce-opportunities.csv"),
        { preset: "salesforce" },
        berlin,
      ),
    );
    // An Opportunity export names no lead: the lead names its deal (ConvertedOpportunityId).
    expect(
      deals.map((d) => "stage" in d && [d.stage, d.amount, d.leadExternalId, d.owner]),
    ).toEqual([
      ["Closed Won", 2400000, undefined, "Sam Okafor"],
      ["Closed Won", 480050, undefined, "Ana Ruiz"],
      ["Negotiation/Review", 1850000, undefined, "Sam Okafor"],
      ["Closed Lost", 900000, undefined, "Sam Okafor"],
    ]);
    const touches = records(
      csvToBatch(
        "touchpoints",
        fixture("salesforce-campaign-members.csv"),
        { preset: "salesforce" },
        berlin,
      ),
    );
    expect(touches[0]).toEqual({
      externalId: "00v5g00000Cm001AAA",
      leadExternalId: "00Q5g00000AbC001EAA",
      channel: "Advertisement",
      campaign: "Spring Search, Brand",
      occurredAt: "2026-03-02T08:10:00.000Z",
    });
  });
});

describe("csvToBatch errors", () => {
  it("reports bad rows by line, field and column, after blank lines and quoted line breaks", () => {
    const text = [
      "Lead,Created,Channel,Notes",
      "a1,2026-03-01,web,",
      "",
      'a2,2026-02-30,web,"multi',
      'line"',
      "a3,2026-03-02 25:00,,",
      "a4,2026-03-02,web,ok,extra",
    ].join("\r\n");
    const result = csvToBatch(
      "leads",
      text,
      {
        overrides: [
          { column: "Lead", field: "externalId" },
          { column: "Created", field: "createdAt" },
          { column: "Channel", field: "source" },
        ],
      },
      berlin,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.line, e.path, e.column])).toEqual([
      [4, "createdAt", "Created"],
      [6, "createdAt", "Created"],
      [6, "source", "Channel"],
      [7, "", undefined],
    ]);
    expect(result.errors[0]?.message).toContain("2026-02-30");
  });

  it("names a required field no column feeds", () => {
    const result = csvToBatch("deals", "Record ID,Amount\n1,5\n", { preset: "hubspot" }, berlin);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.line, e.path])).toEqual([
      [1, "createdAt"],
      [1, "stage"],
    ]);
    expect(result.errors[1]?.message).toContain('"Deal Stage"');
  });

  it("uses columns named like the fields without a preset", () => {
    const text = "external_id,Created At,source,amount\nx,2026-03-01T00:00:00Z,web,1\n";
    expect(records(csvToBatch("leads", text, {}, berlin))[0]).toMatchObject({
      externalId: "x",
      source: "web",
    });
  });

  it("refuses a duplicate id in one file", () => {
    const text = "externalId,createdAt,source\nx,2026-03-01,web\nx,2026-03-02,web\n";
    const result = csvToBatch("leads", text, {}, berlin);
    expect(result.ok ? [] : result.errors.map((e) => [e.line, e.path])).toEqual([
      [3, "externalId"],
    ]);
  });
});
