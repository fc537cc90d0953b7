import { describe, expect, it } from "vitest";
import { type AuditNames, type AuditRecord, auditSentence, kindOf } from "./audit-words";

const names: AuditNames = {
  people: new Map([
    ["u1", { name: "Priya Raman", role: "lead", team: "Marketing" }],
    ["u2", { name: "Sam Owner", role: "owner", team: null }],
  ]),
  apiKeys: new Map([["k1", "CRM sync"]]),
  goals: new Map([["g1", "Q4 2026 shared revenue"]]),
  keyResults: new Map([
    ["kr1", { title: "Webinar attendance", unit: "count" as const }],
    ["kr2", { title: "Won revenue", unit: "currency" as const }],
  ]),
  currency: "EUR",
};

const by = (id: string, kind: AuditRecord["actor"]["kind"] = "user") => ({ kind, id });

describe("audit entries in words", () => {
  it("tells check-ins and their corrections with the key result's unit", () => {
    const base = { actor: by("u1"), entity: "key_result", entityId: "kr1", before: null };
    expect(
      auditSentence(
        { ...base, action: "check_in.create", after: { value: 712, confidence: 7 } },
        names,
      ),
    ).toBe("Priya Raman (Marketing lead) checked in on Webinar attendance: 712");
    expect(
      auditSentence(
        {
          ...base,
          entityId: "kr2",
          action: "check_in.update",
          before: { value: 5000 },
          after: { value: 50000 },
        },
        names,
      ),
    ).toBe("Priya Raman (Marketing lead) corrected a check-in on Won revenue: €5,000 → €50,000");
    expect(
      auditSentence(
        {
          ...base,
          actor: by("u2"),
          action: "check_in.delete",
          before: { confidence: 4 },
          after: null,
        },
        names,
      ),
    ).toBe("Sam Owner (Owner) deleted a check-in on Webinar attendance (confidence 4/10)");
  });

  it("tells verdicts, ingest batches and unknown people without ids", () => {
    expect(
      auditSentence(
        {
          actor: by("gone"),
          action: "create",
          entity: "lead_feedback",
          entityId: "fb_1",
          before: null,
          after: { leadExternalId: "L-9", verdict: "rejected", reason: "no_budget" },
        },
        names,
      ),
    ).toBe("A former member rejected lead L-9 (no budget)");
    expect(
      auditSentence(
        {
          actor: by("k1", "api_key"),
          action: "ingest",
          entity: "leads",
          entityId: "leads",
          before: null,
          after: { records: 1200, inserted: 1000, updated: 200, via: "api" },
        },
        names,
      ),
    ).toBe('The API key "CRM sync" sent 1,200 leads: 1,000 new, 200 updated');
  });

  it("puts each entry in one kind", () => {
    expect(kindOf({ action: "check_in.update", entity: "key_result" })).toBe("check_in");
    expect(kindOf({ action: "key_result.archive", entity: "key_result" })).toBe("key_result");
    expect(kindOf({ action: "forecast_call.create", entity: "goal" })).toBe("goal");
    expect(kindOf({ action: "member.invite", entity: "invitation" })).toBe("member");
    expect(kindOf({ action: "something.new", entity: "novel" })).toBeNull();
  });
});
