import { describe, expect, it } from "vitest";
import { isoFromLocal, orderEvidence } from "./local-dates";

describe("local dates", () => {
  it.each([
    ["9/16/2026", "month-first", "2026-09-16"],
    ["7/1/2026 0:10", "month-first", "2026-07-01 00:10:00"],
    ["9/16/2026, 3:45 PM", "month-first", "2026-09-16 15:45:00"],
    ["1/2/2026 12:05 AM", "month-first", "2026-01-02 00:05:00"],
    ["16/09/2026", "day-first", "2026-09-16"],
    ["03/04/2026", "day-first", "2026-04-03"],
    ["03/04/2026", "month-first", "2026-03-04"],
    ["16.09.2026 10:15", "month-first", "2026-09-16 10:15:00"],
    ["2026-03-02 09:14", "day-first", "2026-03-02 09:14"],
  ] as const)("reads %s (%s) as %s", (text, order, iso) => {
    expect(isoFromLocal(text, order)).toBe(iso);
  });

  it("refuses a month above 12 in the file's order", () => {
    expect(isoFromLocal("9/16/2026", "day-first")).toBeNull();
  });

  it("says which order a date proves", () => {
    expect(orderEvidence("16/09/2026")).toEqual({ kind: "proves", order: "day-first" });
    expect(orderEvidence("9/16/2026 3:45 PM")).toEqual({ kind: "proves", order: "month-first" });
    expect(orderEvidence("01.03.2026")).toEqual({ kind: "proves", order: "day-first" });
    expect(orderEvidence("03/04/2026")).toEqual({ kind: "ambiguous" });
    expect(orderEvidence("04/04/2026")).toEqual({ kind: "none" });
    expect(orderEvidence("2026-03-04")).toEqual({ kind: "none" });
  });
});
