import { addCalendarDays } from "../../revenue";
import type { DealFact, LeadFact } from "../../revenue/forecast-facts";
import type { TestApp } from "../../testing/test-app";
import { ingestOk } from "../ingest/ingest.helpers";

/** The goal the forecast's route tests ask about: a closed quarter with a year of history. */
export const period = { startsOn: "2026-04-01", endsOn: "2026-06-30" };
export const plan = { leadToMql: 0.5, mqlToSql: 0.5, sqlToWon: 0.4, avgDealSize: 3000 };
export const goalBody = { name: "Q2", ...period, target: 400000, plan };

/** A small company's year and a half: three leads a day, a quarter of them becoming deals. */
export function history() {
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const leads: LeadFact[] = [];
  const deals: DealFact[] = [];
  for (let day = "2025-01-06"; day <= "2026-06-30"; day = addCalendarDays(day, 1)) {
    for (let i = 0; i < 3; i++) {
      const id = `L${leads.length}`;
      const source = next() < 0.6 ? "web" : "events";
      const converts = next() < (source === "web" ? 0.2 : 0.35);
      const sqlOn = converts ? addCalendarDays(day, 5) : null;
      leads.push({ id, createdOn: day, source, sqlOn });
      if (!sqlOn) continue;
      const createdOn = addCalendarDays(sqlOn, 1);
      const fate = next();
      const status = fate < 0.45 ? "won" : fate < 0.85 ? "lost" : "open";
      const closedOn =
        status === "open" ? null : addCalendarDays(createdOn, 10 + Math.floor(next() * 50));
      const amount = 100_000 + Math.floor(next() * 40) * 10_000;
      deals.push({ leadId: id, createdOn, closedOn, status, amount });
    }
  }
  return { leads, deals };
}

/** The facts as the CRM knows them at the end of `today`: nothing later exists yet. */
export function knownAt(facts: ReturnType<typeof history>, today: string) {
  const leads = facts.leads
    .filter((l) => l.createdOn <= today)
    .map((l) => ({ ...l, sqlOn: l.sqlOn !== null && l.sqlOn <= today ? l.sqlOn : null }));
  const deals = facts.deals
    .filter((d) => d.createdOn <= today)
    .map(
      (d): DealFact =>
        d.closedOn !== null && d.closedOn > today ? { ...d, status: "open", closedOn: null } : d,
    );
  return { leads, deals };
}

export function records({ leads, deals }: ReturnType<typeof history>) {
  return {
    leads: leads.map((l) => ({
      externalId: l.id,
      createdAt: `${l.createdOn}T10:00:00Z`,
      source: l.source,
      mqlAt: l.sqlOn ? `${l.sqlOn}T09:00:00Z` : null,
      sqlAt: l.sqlOn ? `${l.sqlOn}T10:00:00Z` : null,
    })),
    deals: deals.map((d, i) => ({
      externalId: `D${i}`,
      leadExternalId: d.leadId,
      amount: d.amount / 100,
      status: d.status,
      createdAt: `${d.createdOn}T12:00:00Z`,
      closedAt: d.closedOn ? `${d.closedOn}T15:00:00Z` : null,
    })),
  };
}

export async function ingestAll(app: TestApp, token: string, facts: ReturnType<typeof history>) {
  const { leads, deals } = records(facts);
  for (let i = 0; i < leads.length; i += 5000)
    await ingestOk(app, token, "leads", { records: leads.slice(i, i + 5000) });
  for (let i = 0; i < deals.length; i += 5000)
    await ingestOk(app, token, "deals", { records: deals.slice(i, i + 5000) });
}
