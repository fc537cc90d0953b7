import { getLead } from "@tandem/db/queries/facts";
import { storedRollups } from "@tandem/db/queries/ingest-inspect";
import { diffRollups } from "@tandem/db/queries/rollups";
import { describeEachEngine } from "@tandem/db/testing";
import { beforeAll, expect, it } from "vitest";
import {
  type Caller,
  createOwner,
  createTestApp,
  newOrganization,
  readAs,
  TEST_ORIGIN,
  type TestApp,
} from "../../testing/test-app";
import { createKey, ingestOk } from "./ingest.helpers";
import { archiveResultSchema } from "./ingest.routes";

const archive = (app: TestApp, token: string, kind: string, externalIds: unknown) =>
  Promise.resolve(
    app.request(`${TEST_ORIGIN}/api/v1/ingest/${kind}/archive`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ externalIds }),
    }),
  );

describeEachEngine("archiving records deleted or merged in the CRM", (db) => {
  let app: TestApp;
  let user: Caller;
  beforeAll(async () => {
    app = createTestApp(db()).app;
    user = await createOwner(app);
  });

  async function seeded() {
    const org = await newOrganization(app, user, { timezone: "UTC" });
    const { token } = await createKey(app, org);
    await ingestOk(app, token, "leads", {
      records: ["a", "b"].map((id) => ({
        externalId: id,
        createdAt: "2026-03-02T10:00:00Z",
        source: id === "a" ? "web" : "ads",
        mqlAt: "2026-03-03T10:00:00Z",
      })),
    });
    await ingestOk(app, token, "deals", {
      records: [
        {
          externalId: "won-a",
          leadExternalId: "a",
          amount: 1000,
          status: "won",
          createdAt: "2026-03-04T10:00:00Z",
          closedAt: "2026-03-10T10:00:00Z",
        },
        {
          externalId: "open-a",
          leadExternalId: "a",
          amount: 500,
          status: "open",
          createdAt: "2026-03-05T10:00:00Z",
        },
      ],
    });
    return { org, token };
  }

  const totals = async (orgId: string) => {
    const rows = await storedRollups(db().db, orgId);
    const by = (source: string) => rows.filter((r) => r.source === source);
    const sum = (source: string, key: "leads" | "mqls" | "wonAmount" | "openAmount") =>
      by(source).reduce((n, r) => n + Number(r[key]), 0);
    return {
      web: [
        sum("web", "leads"),
        sum("web", "mqls"),
        sum("web", "wonAmount"),
        sum("web", "openAmount"),
      ],
      none: [sum("(none)", "wonAmount"), sum("(none)", "openAmount")],
    };
  };

  it("takes an archived deal and lead out of the figures, and a resend brings them back as they were", async () => {
    const { org, token } = await seeded();
    expect(await totals(org.orgId)).toEqual({ web: [1, 1, 100000, 50000], none: [0, 0] });

    const deal = await archive(app, token, "deals", ["won-a", "never-sent"]);
    expect(deal.status).toBe(200);
    expect(await readAs(deal, archiveResultSchema)).toEqual({
      kind: "deals",
      archived: 1,
      unknown: 1,
    });
    expect(await totals(org.orgId)).toEqual({ web: [1, 1, 0, 50000], none: [0, 0] });
    expect(await diffRollups(db().db, org.orgId)).toEqual([]);

    // The lead merged away: its flows go, its open deal counts under "(none)".
    await archive(app, token, "leads", ["a"]);
    expect(await totals(org.orgId)).toEqual({ web: [0, 0, 0, 0], none: [0, 50000] });
    expect(await getLead(db().db, org.orgId, "a")).toBeNull();
    expect(await diffRollups(db().db, org.orgId)).toEqual([]);

    // A partial resend restores the lead with the MQL date it had.
    const back = await ingestOk(app, token, "leads", {
      records: [{ externalId: "a", createdAt: "2026-03-02T10:00:00Z", source: "web" }],
    });
    expect(back).toMatchObject({ inserted: 1 });
    expect(await getLead(db().db, org.orgId, "a")).toMatchObject({
      mqlAt: new Date("2026-03-03T10:00:00Z"),
    });
    await ingestOk(app, token, "deals", {
      records: [
        // No lead named: it comes back with the lead it had.
        {
          externalId: "won-a",
          createdAt: "2026-03-04T10:00:00Z",
          status: "won",
          closedAt: "2026-03-10T10:00:00Z",
        },
      ],
    });
    expect(await totals(org.orgId)).toEqual({ web: [1, 1, 100000, 50000], none: [0, 0] });
    expect(await diffRollups(db().db, org.orgId)).toEqual([]);
  });

  it("archives only the caller's own records, refuses bad bodies, and stays exact under concurrent ingest", async () => {
    const { org, token } = await seeded();
    const other = await newOrganization(app, user, { name: "Other" });
    const otherKey = await createKey(app, other);
    const foreign = await archive(app, otherKey.token, "leads", ["a", "b"]);
    expect(await readAs(foreign, archiveResultSchema)).toMatchObject({ archived: 0, unknown: 2 });
    expect(await getLead(db().db, org.orgId, "a")).not.toBeNull();

    expect((await archive(app, token, "leads", [])).status).toBe(422);
    expect((await archive(app, token, "contacts", ["a"])).status).toBe(404);
    expect((await archive(app, `${token}x`, "leads", ["a"])).status).toBe(401);

    await Promise.all([
      archive(app, token, "leads", ["a"]),
      ingestOk(app, token, "deals", {
        records: [
          {
            externalId: "open-a",
            leadExternalId: "a",
            amount: 700,
            status: "open",
            createdAt: "2026-03-05T10:00:00Z",
          },
        ],
      }),
      archive(app, token, "deals", ["won-a"]),
      ingestOk(app, token, "leads", {
        records: [{ externalId: "b", createdAt: "2026-03-02T10:00:00Z", source: "partner" }],
      }),
    ]);
    expect(await diffRollups(db().db, org.orgId)).toEqual([]);
  });
});
