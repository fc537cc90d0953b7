import { describeEachEngine } from "@tandem/db/testing";
import { beforeAll, expect, it } from "vitest";
import {
  addMember,
  type Caller,
  call,
  createOwner,
  createTestApp,
  readAs,
  readProblem,
  TEST_ORIGIN,
  type TestApp,
} from "../../testing/test-app";
import { createKey, ingestOk } from "../ingest/ingest.helpers";
import {
  dealPageSchema,
  dealSchema,
  leadPageSchema,
  leadSchema,
  touchpointPageSchema,
} from "./facts.schemas";

/** A read as a system makes it: a bearer token, no cookie. */
const withKey = (app: TestApp, token: string, path: string) =>
  Promise.resolve(
    app.request(`${TEST_ORIGIN}${path}`, { headers: { authorization: `Bearer ${token}` } }),
  );

describeEachEngine("reading facts back", (db) => {
  let app: TestApp;
  let owner: Caller & { orgId: string };
  let viewer: Caller;
  let token: string;
  let stranger: Caller;
  let strangerToken: string;
  beforeAll(async () => {
    app = createTestApp(db()).app;
    owner = await createOwner(app, { currency: "EUR", timezone: "Europe/Berlin" });
    viewer = await addMember(app, owner, "viewer");
    token = (await createKey(app, owner)).token;
    stranger = await createOwner(app, { name: "Elsewhere" });
    strangerToken = (await createKey(app, stranger)).token;
    await ingestOk(app, token, "leads", {
      records: Array.from({ length: 5 }, (_, i) => ({
        externalId: `lead-${i}`,
        createdAt: "2026-03-02T10:00:00Z",
        source: "web",
        email: `p${i}@example.test`,
      })),
    });
    await ingestOk(app, token, "deals", {
      records: [
        {
          externalId: "deal-1",
          leadExternalId: "lead-1",
          amount: 1250.5,
          status: "won",
          createdAt: "2026-03-03",
          closedAt: 1772582400000,
        },
      ],
    });
    await ingestOk(app, token, "touchpoints", {
      records: [
        {
          externalId: "tp-1",
          leadExternalId: "lead-1",
          channel: "webinar",
          occurredAt: "2026-03-01T09:00:00Z",
        },
      ],
    });
    // The other organization has records with the same ids.
    await ingestOk(app, strangerToken, "leads", {
      records: [{ externalId: "lead-1", createdAt: "2026-03-02T10:00:00Z", source: "theirs" }],
    });
  });

  it("pages leads by cursor, with an API key or a member's session, every lead once", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : "";
      const response = await withKey(app, token, `/api/v1/leads?limit=2${query}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("ratelimit-limit")).toBe("600");
      const page = await readAs(response, leadPageSchema);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((l) => l.externalId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(["lead-0", "lead-1", "lead-2", "lead-3", "lead-4"]);

    const bySession = await readAs(
      await call(app, "GET", "/api/v1/leads?limit=10", { caller: viewer }),
      leadPageSchema,
    );
    expect(bySession.items.map((l) => l.source)).toEqual(Array(5).fill("web"));
    expect(bySession.nextCursor).toBeNull();
  });

  it("reads what changed since a time, and one record by its externalId", async () => {
    // Just after every write so far: only the resend below is newer.
    const all = await readAs(await withKey(app, token, "/api/v1/leads"), leadPageSchema);
    const latest = Math.max(...all.items.map((l) => Date.parse(l.updatedAt)));
    const before = new Date(latest + 1).toISOString();
    await ingestOk(app, token, "leads", {
      records: [{ externalId: "lead-3", createdAt: "2026-03-02T10:00:00Z", source: "ads" }],
    });
    const changed = await readAs(
      await withKey(app, token, `/api/v1/leads?updatedSince=${encodeURIComponent(before)}`),
      leadPageSchema,
    );
    expect(changed.items.map((l) => [l.externalId, l.source, l.email])).toEqual([
      ["lead-3", "ads", "p3@example.test"],
    ]);

    const lead = await readAs(await withKey(app, token, "/api/v1/leads/lead-1"), leadSchema);
    expect(lead).toMatchObject({ externalId: "lead-1", source: "web", mqlAt: null });
    const deal = await readAs(
      await call(app, "GET", "/api/v1/deals/deal-1", { caller: viewer }),
      dealSchema,
    );
    // Money in major units; a date alone and epoch milliseconds as the ingest read them.
    expect(deal).toMatchObject({
      amount: 1250.5,
      status: "won",
      createdAt: "2026-03-02T23:00:00.000Z",
      closedAt: "2026-03-04T00:00:00.000Z",
    });
    const deals = await readAs(await withKey(app, token, "/api/v1/deals"), dealPageSchema);
    expect(deals.items.map((d) => d.externalId)).toEqual(["deal-1"]);
    const touchpoints = await readAs(
      await withKey(app, token, "/api/v1/touchpoints"),
      touchpointPageSchema,
    );
    expect(touchpoints.items.map((t) => [t.externalId, t.channel])).toEqual([["tp-1", "webinar"]]);
    expect((await withKey(app, token, "/api/v1/touchpoints/tp-1")).status).toBe(200);
  });

  it("shows nothing of another organization, by key or by session, and refuses bad input", async () => {
    for (const path of ["/api/v1/deals/deal-1", "/api/v1/touchpoints/tp-1"]) {
      expect((await withKey(app, strangerToken, path)).status).toBe(404);
      expect((await call(app, "GET", path, { caller: stranger })).status).toBe(404);
    }
    const theirs = await readAs(
      await withKey(app, strangerToken, "/api/v1/leads/lead-1"),
      leadSchema,
    );
    expect(theirs.source).toBe("theirs");
    for (const kind of ["leads", "deals", "touchpoints"]) {
      const page = await readAs(
        await call(app, "GET", `/api/v1/${kind}`, { caller: stranger }),
        leadPageSchema.pick({ nextCursor: true }).passthrough(),
      );
      const items: unknown = page.items;
      expect(Array.isArray(items) ? items.length : -1).toBe(kind === "leads" ? 1 : 0);
    }
    expect((await withKey(app, `${token}x`, "/api/v1/leads")).status).toBe(401);
    expect((await call(app, "GET", "/api/v1/leads")).status).toBe(401);
    const badCursor = await withKey(app, token, "/api/v1/leads?cursor=nonsense");
    expect(badCursor.status).toBe(422);
    expect((await readProblem(badCursor)).errors?.map((e) => e.path)).toEqual(["cursor"]);
    expect((await withKey(app, token, "/api/v1/leads?updatedSince=yesterday")).status).toBe(422);
  });
});
