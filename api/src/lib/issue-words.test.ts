import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { createGoalBody } from "../routes/goals/goals.routes";
import { createKeyResultBody } from "../routes/key-results/key-results.routes";
import { fieldLabel, fieldSentence } from "../words/field-words";
import { validationError } from "./validation";

function refusal(schema: z.ZodType, input: unknown) {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error("expected a refusal");
  return validationError(parsed.error.issues, "request body");
}

const goal = {
  name: "Q1",
  startsOn: "2026-01-01",
  endsOn: "2026-03-31",
  target: 1_000_000,
  plan: { leadToMql: 0.25, mqlToSql: 0.3, sqlToWon: 0.25, avgDealSize: 10_000 },
};

describe("errors in words", () => {
  it("says a rate's bound as a share, with the field's label, once", () => {
    const error = refusal(createGoalBody, { ...goal, plan: { ...goal.plan, leadToMql: 1.5 } });
    expect(error.errors).toEqual([{ path: "plan.leadToMql", message: "must be at most 100%" }]);
    expect(error.message).toBe("Lead → MQL rate must be at most 100%.");
  });

  it("reads zod's bounds and types as sentences, not as the validator's", () => {
    const error = refusal(createKeyResultBody, {
      title: "",
      teamId: "t1",
      kind: "activity",
      unit: "lumens",
      start: 0,
      target: 5e12,
    });
    const messages = Object.fromEntries(error.errors?.map((e) => [e.path, e.message]) ?? []);
    expect(messages).toEqual({
      title: "must not be empty",
      unit: "must be one of count, percent, currency, duration",
      target: "must be at most 1,000,000,000,000",
    });
    expect(error.message).toBe("Title must not be empty. (and 2 more)");
    for (const message of Object.values(messages))
      expect(message).not.toMatch(/Too big|<=|expected/);
  });

  it("keeps a schema's own words and says a missing field is required", () => {
    const error = refusal(createGoalBody, { ...goal, target: -5, name: undefined });
    // -5 breaks two rules; the field is told one.
    expect(error.errors).toEqual([
      { path: "name", message: "is required" },
      { path: "target", message: "must not be negative" },
    ]);
  });

  it("labels paths people read, indexes and unknown fields included", () => {
    expect(fieldLabel("plan.avgDealSize")).toBe("Average deal size");
    expect(fieldLabel("records.3.firstContactAt")).toBe("First contact at");
    expect(fieldLabel("someNewField")).toBe("Some new field");
    expect(fieldSentence({ path: "", message: "is empty" })).toBe("Is empty.");
  });
});
