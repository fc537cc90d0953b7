import { z } from "@hono/zod-openapi";
import { describeEachEngine } from "@tandem/db/testing";
import { describe, expect, it } from "vitest";
import { createKey, ingest } from "../routes/ingest/ingest.helpers";
import {
  type Caller,
  call,
  createOwner,
  createTestApp,
  readAs,
  readProblem,
  TEST_ORIGIN,
  type TestApp,
} from "../testing/test-app";
import { findUnstorableText, unstorableReason } from "./text";

describe("unstorable text", () => {
  it("finds NUL and lone surrogates, with their path, and lets paired surrogates through", () => {
    expect(unstorableReason("emoji 😀 fine")).toBeNull();
    expect(unstorableReason("a\u0000b")).toMatch(/NUL/);
    expect(unstorableReason("\ud800")).toMatch(/surrogate/);
    expect(unstorableReason("x\udc00")).toMatch(/surrogate/);
    expect(findUnstorableText({ records: [{ a: "ok" }, { b: ["x", "y\u0000"] }] })?.path).toEqual([
      "records",
      1,
      "b",
      1,
    ]);
    expect(findUnstorableText({ "bad\ud800key": 1 })?.path).toEqual(["bad\ud800key"]);
  });
});

const teamsOf = z.object({ teams: z.array(z.object({ name: z.string() })) });

async function expectProblem(response: Response, status: number, path?: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  const problem = await readProblem(response);
  if (path !== undefined) expect(problem.errors?.map((e) => e.path)).toContain(path);
  return problem;
}

async function teamCount(app: TestApp, owner: Caller) {
  return (await readAs(await call(app, "GET", "/api/v1/teams", { caller: owner }), teamsOf)).teams
    .length;
}

const goal = {
  name: "FY",
  startsOn: "2026-01-01",
  endsOn: "2026-12-31",
  target: 1000,
  plan: { leadToMql: 0.2, mqlToSql: 0.3, sqlToWon: 0.25, avgDealSize: 100 },
};

describeEachEngine("bad text, dates and numbers answer 4xx and change nothing", (db) => {
  it("refuses NUL and lone surrogates in bodies, queries and paths with the field path", async () => {
    const { app } = createTestApp(db());
    const owner = await createOwner(app);
    await expectProblem(
      await call(app, "POST", "/api/v1/teams", {
        caller: owner,
        body: { name: "Mark\u0000eting", function: "marketing" },
      }),
      422,
      "name",
    );
    await expectProblem(
      await call(app, "POST", "/api/v1/teams", {
        caller: owner,
        body: { name: "\ud800", function: "marketing" },
      }),
      422,
      "name",
    );
    await expectProblem(
      await call(app, "GET", "/api/v1/goals/goal%00x", { caller: owner }),
      422,
      "id",
    );
    await expectProblem(
      await call(app, "GET", "/api/v1/displays?cursor=%00", { caller: owner }),
      422,
      "cursor",
    );
    expect(await teamCount(app, owner)).toBe(0);
  });

  it("refuses bad text in ingest records (JSON and CSV) with the record's index", async () => {
    const { app } = createTestApp(db());
    const owner = await createOwner(app);
    const { token: key } = await createKey(app, owner);
    const record = { externalId: "L1", createdAt: "2026-01-05T10:00:00Z", source: "web" };
    const surrogate = await expectProblem(
      await ingest(app, key, "leads", {
        records: [record, { ...record, externalId: "L2", campaign: "spring\ud83d" }],
      }),
      422,
      "campaign",
    );
    expect(surrogate.errors?.[0]?.index).toBe(1);
    await expectProblem(
      await ingest(app, key, "leads", {
        records: [{ ...record, externalId: "L\u00003" }],
      }),
      422,
      "externalId",
    );
    await expectProblem(
      await ingest(
        app,
        key,
        "leads",
        "externalId,createdAt,source\nL4,2026-01-05T10:00:00Z,we\u0000b\n",
      ),
      422,
      "source",
    );
    const dryRun = await ingest(app, key, "leads", { records: [record] }, { query: "dryRun=true" });
    expect(await dryRun.json()).toMatchObject({ inserted: 1, updated: 0 });
  });

  it("keeps dates and instants to the years the database holds", async () => {
    const { app } = createTestApp(db());
    const owner = await createOwner(app);
    const { token: key } = await createKey(app, owner);
    for (const startsOn of ["0000-01-01", "1899-12-31"]) {
      await expectProblem(
        await call(app, "POST", "/api/v1/goals", {
          caller: owner,
          body: { ...goal, startsOn, endsOn: "1900-01-02" },
        }),
        422,
        "startsOn",
      );
    }
    await expectProblem(
      await ingest(app, key, "leads", {
        records: [{ externalId: "L1", createdAt: "9999-12-31T23:00:00-05:00", source: "web" }],
      }),
      422,
      "createdAt",
    );
    await expectProblem(
      await call(app, "GET", "/api/v1/goals/x/summary?asOf=10000-01-01", { caller: owner }),
      422,
      "asOf",
    );
    // The last year the database holds works end to end.
    const last = await call(app, "POST", "/api/v1/goals", {
      caller: owner,
      body: { ...goal, startsOn: "9999-01-01", endsOn: "9999-12-31" },
    });
    expect(last.status).toBe(201);
    const { id } = z.object({ id: z.string() }).parse(await last.json());
    for (const path of ["summary?asOf=9999-12-31", "lead-quality", "attribution?model=all"]) {
      expect(
        (await call(app, "GET", `/api/v1/goals/${id}/${path}`, { caller: owner })).status,
      ).toBe(200);
    }
  });

  it("refuses a period over 366 days, on create and on change", async () => {
    const { app } = createTestApp(db());
    const owner = await createOwner(app);
    await expectProblem(
      await call(app, "POST", "/api/v1/goals", {
        caller: owner,
        body: { ...goal, startsOn: "1900-01-01", endsOn: "9999-12-31" },
      }),
      422,
      "endsOn",
    );
    const leap = await call(app, "POST", "/api/v1/goals", {
      caller: owner,
      body: { ...goal, startsOn: "2028-01-01", endsOn: "2028-12-31" },
    });
    expect(leap.status).toBe(201);
    const { id } = z.object({ id: z.string() }).parse(await leap.json());
    await expectProblem(
      await call(app, "PATCH", `/api/v1/goals/${id}`, {
        caller: owner,
        body: { endsOn: "2029-01-01" },
        headers: { "if-match": `"${leap.headers.get("etag")?.replaceAll('"', "")}"` },
      }),
      422,
      "endsOn",
    );
  });

  it("refuses amounts that round to nothing, huge cursors, empty changes and broken forms", async () => {
    const { app } = createTestApp(db());
    const owner = await createOwner(app);
    await expectProblem(
      await call(app, "POST", "/api/v1/goals", {
        caller: owner,
        body: { ...goal, target: 1e-300 },
      }),
      422,
      "target",
    );
    await expectProblem(
      await call(app, "POST", "/api/v1/goals", {
        caller: owner,
        body: { ...goal, plan: { ...goal.plan, avgDealSize: 5e-7 } },
      }),
      422,
      "plan.avgDealSize",
    );
    const goals = z.object({ goals: z.array(z.unknown()) });
    expect(
      (await readAs(await call(app, "GET", "/api/v1/goals", { caller: owner }), goals)).goals,
    ).toEqual([]);
    await expectProblem(
      await call(app, "GET", "/api/v1/audit?cursor=99999999999999999999", { caller: owner }),
      422,
      "cursor",
    );
    const me = await call(app, "GET", "/api/v1/members", { caller: owner });
    const { members } = z
      .object({ members: z.array(z.object({ id: z.string() })) })
      .parse(await me.json());
    await expectProblem(
      await call(app, "PATCH", `/api/v1/members/${members[0]?.id}`, { caller: owner, body: {} }),
      422,
      "role",
    );
    const broken = await app.request(`${TEST_ORIGIN}/api/v1/imports/leads`, {
      method: "POST",
      headers: {
        origin: TEST_ORIGIN,
        cookie: owner.cookie,
        "content-type": "multipart/form-data; boundary=XYZ",
      },
      body: '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nexternalId',
    });
    await expectProblem(broken, 400);
  });
});
