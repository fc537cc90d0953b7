import { readFileSync } from "node:fs";
import { getDeal } from "@tandem/db/queries/facts";
import { storedRollups } from "@tandem/db/queries/ingest-inspect";
import { diffRollups } from "@tandem/db/queries/rollups";
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

const fixture = (name: string) =>
  readFileSync(new URL(`../../ingest/fixtures/${name}`, import.meta.url), "utf8");

interface Upload {
  kind: "leads" | "deals";
  file: string;
  preset: "salesforce" | "hubspot";
}

const salesforceLeads: Upload = {
  kind: "leads",
  file: "salesforce-leads.csv",
  preset: "salesforce",
};
// A standard Opportunity export: no field names the lead it was converted from.
const salesforceOpportunities: Upload = {
  kind: "deals",
  file: "salesforce-opportunities.csv",
  preset: "salesforce",
};
const hubspotContacts: Upload = {
  kind: "leads",
  file: "hubspot-contacts-associations.csv",
  preset: "hubspot",
};
// Deals exported without their associations: only the contacts say which deal is whose.
const hubspotDeals: Upload = {
  kind: "deals",
  file: "hubspot-deals-no-associations.csv",
  preset: "hubspot",
};

describeEachEngine("CSV imports link leads and deals", (db) => {
  let app: TestApp;
  beforeAll(() => {
    app = createTestApp(db()).app;
  });

  async function importAll(owner: Caller, uploads: Upload[]) {
    const results = [];
    for (const upload of uploads) {
      const response = await uploadCsv(
        app,
        owner,
        upload.kind,
        fixture(upload.file),
        `preset=${upload.preset}`,
      );
      if (response.status !== 200) throw new Error(`${response.status} ${await response.text()}`);
      results.push(await readAs(response, ingestResultSchema));
    }
    return results;
  }

  /** Won revenue and open pipeline by day and source, as the dashboard reads them. */
  async function revenueBySource(orgId: string) {
    const rollups = await storedRollups(db().db, orgId);
    return rollups
      .filter((r) => r.wins > 0 || r.openDeals > 0)
      .map((r) => [r.day, r.source, r.wonAmount, r.openAmount]);
  }

  it("credits Salesforce opportunities to the source of the lead converted into them, whichever file comes first", async () => {
    const expected = [
      ["2026-03-20", "Trade Show", 480050, 0],
      ["2026-03-27", "Web", 2400000, 0],
    ];
    // Opportunities first: they count under "(none)" until the leads name them.
    const late = await createOwner(app, { currency: "USD", timezone: "America/New_York" });
    const [deals, leads] = await importAll(late, [salesforceOpportunities, salesforceLeads]);
    expect(deals).toMatchObject({ inserted: 4, linkedDeals: 0 });
    expect(leads).toMatchObject({ inserted: 6, linkedDeals: 2 });
    expect(await getDeal(db().db, late.orgId, "0065g00000Q1w01AAB")).toMatchObject({
      leadExternalId: "00Q5g00000AbC001EAA",
    });

    const early = await createOwner(app, { currency: "USD", timezone: "America/New_York" });
    const [, earlyDeals] = await importAll(early, [salesforceLeads, salesforceOpportunities]);
    expect(earlyDeals).toMatchObject({ inserted: 4, unknownLeads: 0 });

    for (const org of [late, early]) {
      const bySource = await revenueBySource(org.orgId);
      expect(bySource.filter(([, , won]) => Number(won) > 0)).toEqual(expected);
      // The open opportunity came from no lead: it stays under "(none)".
      expect(bySource.filter(([, source]) => source === "(none)")).toEqual([
        ["2026-03-12", "(none)", 0, 1850000],
      ]);
      expect(await diffRollups(db().db, org.orgId)).toEqual([]);
    }
    // A resend of the leads links nothing again and writes nothing.
    const [again] = await importAll(late, [salesforceLeads]);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 6, linkedDeals: 0 });
  });

  it("credits HubSpot deals to the contacts that list them in Associated Deal IDs, the first contact of a shared deal", async () => {
    const expected = [
      ["2026-03-12", "Referrals", 0, 1850000],
      ["2026-03-20", "Offline Sources", 480050, 0],
      ["2026-03-27", "Paid Search", 2400000, 0],
    ];
    const dealsFirst = await createOwner(app, { currency: "USD", timezone: "America/New_York" });
    const [, contacts] = await importAll(dealsFirst, [hubspotDeals, hubspotContacts]);
    expect(contacts).toMatchObject({ inserted: 6, linkedDeals: 4 });
    const contactsFirst = await createOwner(app, {
      currency: "USD",
      timezone: "America/New_York",
    });
    await importAll(contactsFirst, [hubspotContacts, hubspotDeals]);
    for (const org of [dealsFirst, contactsFirst]) {
      const bySource = await revenueBySource(org.orgId);
      expect(bySource.filter(([, source]) => source !== "(none)")).toEqual(expected);
      // 90005 is no contact's deal; 90006, which a contact names, never arrived.
      expect(bySource.filter(([, source]) => source === "(none)")).toEqual([
        ["2026-03-11", "(none)", 0, 600000],
      ]);
      expect(await getDeal(db().db, org.orgId, "90002")).toMatchObject({
        leadExternalId: "51004",
      });
      expect(await diffRollups(db().db, org.orgId)).toEqual([]);
    }
  });

  it("keeps the lead a deal names itself, and previews links on a dry run without writing them", async () => {
    const owner = await createOwner(app, { currency: "USD", timezone: "America/New_York" });
    // The deals export with associations names 51004 for 90002 and no contact for 90005.
    await importAll(owner, [{ kind: "deals", file: "hubspot-deals.csv", preset: "hubspot" }]);
    const csv = [
      '"Record ID","Create Date","Original Source","Associated Deal IDs"',
      '"51006","2026-03-09 10:10","Email Marketing","90002;90005"',
    ].join("\n");
    const dry = await uploadCsv(app, owner, "leads", csv, "preset=hubspot&dryRun=true");
    expect(await readAs(dry, ingestResultSchema)).toMatchObject({ inserted: 1, linkedDeals: 1 });
    expect(await getDeal(db().db, owner.orgId, "90005")).toMatchObject({ leadExternalId: null });
    const real = await uploadCsv(app, owner, "leads", csv, "preset=hubspot");
    expect(await readAs(real, ingestResultSchema)).toMatchObject({ linkedDeals: 1 });
    expect(await getDeal(db().db, owner.orgId, "90002")).toMatchObject({
      leadExternalId: "51004",
    });
    expect(await getDeal(db().db, owner.orgId, "90005")).toMatchObject({
      leadExternalId: "51006",
    });
    expect(await diffRollups(db().db, owner.orgId)).toEqual([]);
  });
});
