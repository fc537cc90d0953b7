import { z } from "@hono/zod-openapi";
import { keyResultViewSchema } from "../../summary/summary-schema";
import {
  addMember,
  type Caller,
  call,
  createOwner,
  createTeam,
  readAs,
  type TestApp,
} from "../../testing/test-app";
import { createdDisplaySchema } from "../displays/displays.routes";
import { goalSchema } from "../goals/goals.routes";

const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** A goal whose period contains today, so live summaries have a current day. */
export const currentGoal = {
  name: "This quarter",
  startsOn: day(-30),
  endsOn: day(60),
  target: 900000,
  plan: { leadToMql: 0.3, mqlToSql: 0.4, sqlToWon: 0.25, avgDealSize: 20000 },
};

export interface LiveFixture {
  owner: Caller & { orgId: string };
  goalId: string;
  keyResultId: string;
  salesLead: Caller;
}

/** An organization with a current goal, a sales key result updated by hand and its lead. */
export async function createLiveFixture(app: TestApp): Promise<LiveFixture> {
  const owner = await createOwner(app);
  const sales = await createTeam(app, owner, "Sales", "sales");
  const goal = await readAs(
    await call(app, "POST", "/api/v1/goals", { caller: owner, body: currentGoal }),
    goalSchema,
  );
  const keyResult = await readAs(
    await call(app, "POST", `/api/v1/goals/${goal.id}/key-results`, {
      caller: owner,
      body: {
        title: "Demos booked",
        teamId: sales,
        kind: "activity",
        unit: "count",
        start: 0,
        target: 100,
      },
    }),
    keyResultViewSchema,
  );
  const salesLead = await addMember(app, owner, "lead", sales);
  return { owner, goalId: goal.id, keyResultId: keyResult.id, salesLead };
}

const checkInResponse = z.object({ keyResult: keyResultViewSchema });

/** Checks in on the key result at its current version (read first), with a note to look for. */
export async function checkIn(
  app: TestApp,
  caller: Caller,
  keyResultId: string,
  value: number,
  note: string,
) {
  const history = await call(app, "GET", `/api/v1/key-results/${keyResultId}/check-ins`, {
    caller,
  });
  const version = history.headers.get("etag") ?? '"1"';
  const response = await call(app, "POST", `/api/v1/key-results/${keyResultId}/check-ins`, {
    caller,
    body: { value, confidence: 7, note },
    headers: { "if-match": version },
  });
  if (response.status !== 201)
    throw new Error(`check-in failed: ${response.status} ${await response.text()}`);
  return readAs(response, checkInResponse);
}

export async function createDisplay(
  app: TestApp,
  caller: Caller,
  goalId: string,
  name = "Office TV",
) {
  const response = await call(app, "POST", "/api/v1/displays", { caller, body: { name, goalId } });
  if (response.status !== 201)
    throw new Error(`create display failed: ${response.status} ${await response.text()}`);
  return readAs(response, createdDisplaySchema);
}
