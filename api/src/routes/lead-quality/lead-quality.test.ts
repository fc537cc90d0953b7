import type { createDb } from "@tandem/db";
import { deals, leadFeedback, leads } from "@tandem/db/schema";
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
  type TestApp,
} from "../../testing/test-app";
import { goalSchema } from "../goals/goals.routes";
import { leadQualitySchema } from "./lead-quality.schemas";

type Db = ReturnType<typeof createDb>["db"];

const utc = (text: string) => new Date(`${text}Z`);
const zeroReasons = {
  not_icp: 0,
  no_budget: 0,
  bad_timing: 0,
  duplicate: 0,
  no_response: 0,
  other: 0,
  unspecified: 0,
};

/**
 * Two sources in an organization on New York time, January 2026:
 *
 * webinar (W1, W2 in campaign "launch"; W3, W4 without a campaign)
 *   W1 MQL, SQL, contacted after 2 h, won 5,000.00, accepted
 *   W2 MQL, SQL, contacted after 30 h, won 1,000.50 (and a lost deal), rejected then accepted
 *   W3 MQL, contacted after 10 h, rejected not_icp, won 100.00 on February 10th (after the period)
 *   W4 lead only
 * paid_search
 *   P1 MQL, never contacted, no verdict
 *   P2 MQL, SQL, contacted after 5 h, won 333.33, rejected duplicate
 *   P3 MQL, contacted 6 h before it qualified (counts as 0 h), no verdict
 *   P4 lead only, rejected other; P5 lead only, rejected without a reason
 *   P8 created 2026-02-01 03:00 UTC = January 31st in New York: in the period
 * Outside the cohort: P6 created in December (MQL in January), P7 created 2026-01-01 03:00
 * UTC = December 31st in New York; and another organization's W1 and P1 with deals and verdicts.
 */
async function seed(db: Db, orgId: string, otherOrgId: string, authorId: string) {
  const lead = (
    externalId: string,
    source: string,
    campaign: string,
    created: string,
    more: Partial<typeof leads.$inferInsert> = {},
  ) => ({
    orgId,
    externalId,
    source,
    campaign,
    createdAt: utc(created),
    ...more,
  });
  await db.insert(leads).values([
    lead("W1", "webinar", "launch", "2026-01-05T12:00", {
      mqlAt: utc("2026-01-06T10:00"),
      sqlAt: utc("2026-01-08T12:00"),
      firstContactAt: utc("2026-01-06T12:00"),
    }),
    lead("W2", "webinar", "launch", "2026-01-06T12:00", {
      mqlAt: utc("2026-01-07T00:00"),
      sqlAt: utc("2026-01-09T12:00"),
      firstContactAt: utc("2026-01-08T06:00"),
    }),
    lead("W3", "webinar", "", "2026-01-07T12:00", {
      mqlAt: utc("2026-01-08T00:00"),
      firstContactAt: utc("2026-01-08T10:00"),
    }),
    lead("W4", "webinar", "", "2026-01-08T12:00"),
    lead("P1", "paid_search", "", "2026-01-10T12:00", { mqlAt: utc("2026-01-11T00:00") }),
    lead("P2", "paid_search", "", "2026-01-11T12:00", {
      mqlAt: utc("2026-01-12T00:00"),
      sqlAt: utc("2026-01-13T12:00"),
      firstContactAt: utc("2026-01-12T05:00"),
    }),
    lead("P3", "paid_search", "", "2026-01-12T12:00", {
      mqlAt: utc("2026-01-12T06:00"),
      firstContactAt: utc("2026-01-12T00:00"),
    }),
    lead("P4", "paid_search", "", "2026-01-13T12:00"),
    lead("P5", "paid_search", "", "2026-01-14T12:00"),
    lead("P8", "paid_search", "", "2026-02-01T03:00"),
    lead("P6", "paid_search", "", "2025-12-20T12:00", { mqlAt: utc("2026-01-05T00:00") }),
    lead("P7", "paid_search", "", "2026-01-01T03:00", { mqlAt: utc("2026-01-02T00:00") }),
    {
      ...lead("W1", "webinar", "launch", "2026-01-05T12:00", { mqlAt: utc("2026-01-06T00:00") }),
      orgId: otherOrgId,
    },
    {
      ...lead("P1", "paid_search", "", "2026-01-10T12:00", { mqlAt: utc("2026-01-11T00:00") }),
      orgId: otherOrgId,
    },
  ]);
  const won = (
    org: string,
    externalId: string,
    leadId: string,
    amount: number,
    closed: string,
  ) => ({
    orgId: org,
    externalId,
    leadExternalId: leadId,
    amount,
    status: "won" as const,
    createdAt: utc("2026-01-15T12:00"),
    closedAt: utc(closed),
  });
  await db
    .insert(deals)
    .values([
      won(orgId, "D-W1", "W1", 500_000, "2026-01-20T12:00"),
      won(orgId, "D-W2", "W2", 100_050, "2026-01-25T12:00"),
      { ...won(orgId, "D-W2-LOST", "W2", 900_000, "2026-01-26T12:00"), status: "lost" as const },
      won(orgId, "D-W3", "W3", 10_000, "2026-02-10T12:00"),
      won(orgId, "D-P2", "P2", 33_333, "2026-01-20T12:00"),
      won(otherOrgId, "D-W1", "W1", 7_700_000, "2026-01-20T12:00"),
      won(otherOrgId, "D-P1", "P1", 7_700_000, "2026-01-20T12:00"),
    ]);
  let n = 0;
  const verdict = (
    leadId: string,
    value: "accepted" | "rejected",
    reason: (typeof leadFeedback.$inferInsert)["reason"],
    at: string,
    org = orgId,
  ) => ({
    orgId: org,
    id: `fb_${++n}`,
    leadExternalId: leadId,
    verdict: value,
    reason,
    authorId,
    createdAt: utc(at),
  });
  await db
    .insert(leadFeedback)
    .values([
      verdict("W1", "accepted", null, "2026-01-15T12:00"),
      verdict("W2", "rejected", "no_budget", "2026-01-15T12:00"),
      verdict("W2", "accepted", null, "2026-01-16T12:00"),
      verdict("W3", "rejected", "not_icp", "2026-01-15T12:00"),
      verdict("P2", "rejected", "duplicate", "2026-01-15T12:00"),
      verdict("P4", "rejected", "other", "2026-01-15T12:00"),
      verdict("P5", "rejected", null, "2026-01-15T12:00"),
      verdict("W1", "rejected", "not_icp", "2026-01-20T12:00", otherOrgId),
      verdict("P1", "accepted", null, "2026-01-20T12:00", otherOrgId),
    ]);
}

describeEachEngine("lead quality", (db) => {
  let app: TestApp;
  let owner: Caller & { orgId: string };
  let goalId: string;
  let otherGoalId: string;

  const read = async (query: string, caller: Caller = owner) => {
    const response = await call(app, "GET", `/api/v1/goals/${goalId}/lead-quality?${query}`, {
      caller,
    });
    expect(response.status).toBe(200);
    return readAs(response, leadQualitySchema);
  };

  beforeAll(async () => {
    app = createTestApp(db()).app;
    owner = await createOwner(app, { timezone: "America/New_York" });
    const other = await createOwner(app, { name: "Other Co" });
    const body = (name: string) => ({
      name,
      startsOn: "2026-01-01",
      endsOn: "2026-01-31",
      target: 100000,
      plan: { leadToMql: 0.25, mqlToSql: 0.3, sqlToWon: 0.25, avgDealSize: 10000 },
    });
    const goal = await call(app, "POST", "/api/v1/goals", { caller: owner, body: body("January") });
    goalId = (await readAs(goal, goalSchema)).id;
    const otherGoal = await call(app, "POST", "/api/v1/goals", {
      caller: other,
      body: body("Theirs"),
    });
    otherGoalId = (await readAs(otherGoal, goalSchema)).id;
    await seed(db().db, owner.orgId, other.orgId, owner.userId);
  });

  it("counts each source's cohort: conversion, verdicts and speed-to-lead, by hand", async () => {
    const body = await read("asOf=2026-01-31");
    expect(body).toMatchObject({
      asOf: "2026-01-31",
      cohort: { from: "2026-01-01", through: "2026-01-31" },
      groupBy: "source",
      currency: "USD",
    });
    expect(body.rows.map((r) => r.source)).toEqual(["paid_search", "webinar"]);
    const [paid, webinar] = body.rows;
    expect(webinar).toEqual({
      source: "webinar",
      campaign: null,
      leads: 4,
      mqls: 3,
      sqls: 2,
      wins: 2,
      revenue: 6000.5,
      rates: { leadToMql: 0.75, mqlToSql: 2 / 3, sqlToWon: 1, leadToWon: 0.5 },
      feedback: {
        accepted: 2,
        rejected: 1,
        awaiting: 0,
        acceptanceRate: 2 / 3,
        reasons: { ...zeroReasons, not_icp: 1 },
      },
      // Hours to first contact: 2, 30, 10.
      speedToLead: { contacted: 3, medianHours: 10, within24h: 2, within24hShare: 2 / 3 },
    });
    expect(paid).toEqual({
      source: "paid_search",
      campaign: null,
      leads: 6,
      mqls: 3,
      sqls: 1,
      wins: 1,
      revenue: 333.33,
      rates: { leadToMql: 0.5, mqlToSql: 1 / 3, sqlToWon: 1, leadToWon: 1 / 6 },
      feedback: {
        accepted: 0,
        rejected: 3,
        awaiting: 2,
        acceptanceRate: 0,
        reasons: { ...zeroReasons, duplicate: 1, other: 1, unspecified: 1 },
      },
      // Hours: 5 and 0 (contacted before qualifying); P1 never contacted.
      speedToLead: { contacted: 2, medianHours: 2.5, within24h: 2, within24hShare: 2 / 3 },
    });
    expect(body.total).toEqual({
      source: null,
      campaign: null,
      leads: 10,
      mqls: 6,
      sqls: 3,
      wins: 3,
      revenue: 6333.83,
      rates: { leadToMql: 0.6, mqlToSql: 0.5, sqlToWon: 1, leadToWon: 0.3 },
      feedback: {
        accepted: 2,
        rejected: 4,
        awaiting: 2,
        acceptanceRate: 2 / 6,
        reasons: { ...zeroReasons, not_icp: 1, duplicate: 1, other: 1, unspecified: 1 },
      },
      // The median of 0, 2, 5, 10, 30 over all sources, not a mean of the sources' medians.
      speedToLead: { contacted: 5, medianHours: 5, within24h: 4, within24hShare: 4 / 6 },
    });
    expect(body.awaitingVerdict).toMatchObject([
      {
        externalId: "P3",
        source: "paid_search",
        campaign: "",
        createdAt: "2026-01-12T12:00:00.000Z",
        mqlAt: "2026-01-12T06:00:00.000Z",
        sqlAt: null,
      },
      {
        externalId: "P1",
        source: "paid_search",
        campaign: "",
        createdAt: "2026-01-10T12:00:00.000Z",
        mqlAt: "2026-01-11T00:00:00.000Z",
        sqlAt: null,
      },
    ]);
  });

  it("groups by campaign within source", async () => {
    const body = await read("asOf=2026-01-31&groupBy=campaign");
    const summary = body.rows.map((r) => [r.source, r.campaign, r.leads, r.wins, r.revenue]);
    expect(summary).toEqual([
      ["paid_search", "", 6, 1, 333.33],
      ["webinar", "", 2, 0, 0],
      ["webinar", "launch", 2, 2, 6000.5],
    ]);
    expect(body.total.leads).toBe(10);
  });

  it("follows the cohort's outcomes past the period, and counts only what was known by asOf", async () => {
    const later = await read("asOf=2026-02-15");
    expect(later.cohort).toEqual({ from: "2026-01-01", through: "2026-01-31" });
    expect(later.total).toMatchObject({ leads: 10, wins: 4, revenue: 6433.83 });
    // By the end of January 11th (New York): leads W1-W4, P1, P2; W1 and W2 are SQLs; no
    // deal is won and no verdict given yet, so every MQL is still waiting.
    const early = await read("asOf=2026-01-11");
    expect(early.cohort).toEqual({ from: "2026-01-01", through: "2026-01-11" });
    expect(early.total).toMatchObject({ leads: 6, mqls: 5, sqls: 2, wins: 0, revenue: 0 });
    expect(early.total.feedback).toMatchObject({
      accepted: 0,
      rejected: 0,
      awaiting: 5,
      acceptanceRate: null,
    });
    // Newest hand-over first: W2 and W1 became SQLs after W3 became an MQL.
    expect(early.awaitingVerdict.map((l) => l.externalId)).toEqual(["P2", "P1", "W2", "W1", "W3"]);
  });

  it("answers an empty cohort before the period with null rates", async () => {
    const body = await read("asOf=2025-12-15");
    expect(body.cohort).toBeNull();
    expect(body.rows).toEqual([]);
    expect(body.awaitingVerdict).toEqual([]);
    expect(body.total).toMatchObject({ leads: 0, wins: 0, revenue: 0 });
    expect(body.total.rates).toEqual({
      leadToMql: null,
      mqlToSql: null,
      sqlToWon: null,
      leadToWon: null,
    });
    expect(body.total.speedToLead).toEqual({
      contacted: 0,
      medianHours: null,
      within24h: 0,
      within24hShare: null,
    });
  });

  it("rejects bad parameters with the field's path", async () => {
    for (const [query, path] of [
      ["groupBy=channel", "groupBy"],
      ["asOf=31-01-2026", "asOf"],
    ]) {
      const response = await call(app, "GET", `/api/v1/goals/${goalId}/lead-quality?${query}`, {
        caller: owner,
      });
      expect(response.status).toBe(422);
      const problem = await readProblem(response);
      expect(problem.code).toBe("validation_failed");
      expect(new Set(problem.errors?.map((e) => e.path))).toEqual(new Set([path]));
    }
  });

  it("lets a viewer read, hides another organization's goal and needs a sign-in", async () => {
    const viewer = await addMember(app, owner, "viewer");
    const body = await read("asOf=2026-01-31", viewer);
    expect(body.total.leads).toBe(10);
    const hidden = await call(app, "GET", `/api/v1/goals/${otherGoalId}/lead-quality`, {
      caller: owner,
    });
    expect(hidden.status).toBe(404);
    expect((await readProblem(hidden)).code).toBe("not_found");
    expect((await call(app, "GET", `/api/v1/goals/${goalId}/lead-quality`)).status).toBe(401);
  });
});
