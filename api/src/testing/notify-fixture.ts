import { createDb, type Database } from "@tandem/db";
import type { TestDatabase } from "@tandem/db/testing";
import { createLogger } from "../lib/logger";
import type { Mailer } from "../lib/mail/mailer";
import { chatUrlBox } from "../notify/chat/chat-url";
import { localMoment } from "../notify/org-time";
import { createScheduler } from "../notify/scheduler";
import { addCalendarDays } from "../revenue";
import { createdApiKeySchema } from "../routes/api-keys/api-keys.routes";
import { startOfDayIn } from "../summary/org-calendar";
import { keyResultViewSchema } from "../summary/summary-schema";
import {
  addMember,
  type Caller,
  call,
  createGoal,
  createOwner,
  createTeam,
  readAs,
  TEST_AUTH_SECRET,
  type TestApp,
} from "./test-app";

export const TIMEZONE = "Europe/Berlin";

/** A moment `days` from now at `hour`:`minute` on the organization's clock. */
export function localTime(days: number, hour: number, minute = 0): Date {
  const today = localMoment(new Date(), TIMEZONE).day;
  const day = addCalendarDays(today, days);
  return new Date(startOfDayIn(day, TIMEZONE).getTime() + (hour * 60 + minute) * 60_000);
}

/** Days from today to the next Monday (1 … 7). */
export function daysToNextMonday(): number {
  const weekday = localMoment(new Date(), TIMEZONE).isoWeekday;
  return 8 - weekday;
}

export interface NotifyOrg {
  owner: Caller & { orgId: string };
  exec: Caller;
  salesLead: Caller;
  marketingLead: Caller;
  member: Caller;
  sales: string;
  marketing: string;
  goalId: string;
  keyResultId: string;
}

/**
 * An organization in Berlin with a goal around today, a sales and a marketing team each with a
 * lead, a sales exec, a member, and one hand-updated sales key result checked in every 7 days.
 */
export async function notifyOrg(app: TestApp, name = "Notify Co"): Promise<NotifyOrg> {
  const owner = await createOwner(app, { name, timezone: TIMEZONE, currency: "EUR" });
  const sales = await createTeam(app, owner, "Sales", "sales");
  const marketing = await createTeam(app, owner, "Marketing", "marketing");
  const today = localMoment(new Date(), TIMEZONE).day;
  const goal = await createGoal(app, owner, {
    name: "The number",
    startsOn: addCalendarDays(today, -10),
    endsOn: addCalendarDays(today, 80),
    target: 1_000_000,
    plan: { leadToMql: 0.3, mqlToSql: 0.4, sqlToWon: 0.25, avgDealSize: 20_000 },
  });
  const salesLead = await addMember(app, owner, "lead", sales);
  const marketingLead = await addMember(app, owner, "lead", marketing);
  const exec = await addMember(app, owner, "exec", sales);
  const member = await addMember(app, owner, "member");
  const kr = await readAs(
    await call(app, "POST", `/api/v1/goals/${goal.id}/key-results`, {
      caller: salesLead,
      body: {
        title: "Discovery calls",
        teamId: sales,
        kind: "activity",
        unit: "count",
        start: 0,
        target: 50,
      },
    }),
    keyResultViewSchema,
  );
  // Every page load asks for /me: the organization's address for links is remembered.
  await call(app, "GET", "/api/v1/me", { caller: owner });
  return {
    owner,
    exec,
    salesLead,
    marketingLead,
    member,
    sales,
    marketing,
    goalId: goal.id,
    keyResultId: kr.id,
  };
}

export async function apiKey(app: TestApp, owner: Caller): Promise<string> {
  const response = await call(app, "POST", "/api/v1/api-keys", {
    caller: owner,
    body: { name: "CRM" },
  });
  return (await readAs(response, createdApiKeySchema)).token;
}

/** A scheduler as the server runs one, on its own connection pool when the engine is a server. */
export function schedulerFor(
  database: TestDatabase | Database,
  mailer: Mailer,
  clock: { now: Date },
) {
  return createScheduler({
    database,
    mailer,
    secretBox: chatUrlBox(TEST_AUTH_SECRET),
    logger: createLogger("silent"),
    fallbackOrigin: "http://fallback.invalid",
    now: () => clock.now,
  });
}

/** A second process's view of the same database: its own connections to the same server. */
export function secondInstance(database: TestDatabase): {
  database: Database;
  close(): Promise<void>;
} {
  if (!database.url) return { database, close: async () => {} };
  const own = createDb({ url: database.url, max: 3 });
  return { database: own, close: () => own.close() };
}
