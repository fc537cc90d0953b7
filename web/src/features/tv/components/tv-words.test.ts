import { describe, expect, it } from "vitest";
import { parseLiveSummary } from "../api/live-summary";
import {
  agoWords,
  bothTeams,
  changedAtFromEventId,
  channelWords,
  latestPerKeyResult,
  valueOfTarget,
} from "./tv-words";

describe("tv words", () => {
  it("says channels as people do", () => {
    expect(channelWords("paid_search")).toBe("Paid search");
    expect(channelWords("webinar")).toBe("Webinar");
    expect(channelWords("__")).toBe("(none)");
  });

  it("keeps each team's latest check-in in view, then the rest by time", () => {
    const item = (id: string, team: string) => ({ id, team: { id: team } });
    const feed = [
      item("1", "sales"),
      item("2", "sales"),
      item("3", "sales"),
      item("4", "marketing"),
    ];
    expect(bothTeams(feed, 3).map((i) => i.id)).toEqual(["1", "4", "2"]);
    expect(bothTeams(feed, 10).map((i) => i.id)).toEqual(["1", "4", "2", "3"]);
    expect(bothTeams([], 3)).toEqual([]);
  });

  it("shows each key result once, with its newest check-in", () => {
    const item = (id: string, keyResultId: string) => ({ id, keyResultId });
    const feed = [item("1", "kr_a"), item("2", "kr_b"), item("3", "kr_a"), item("4", "kr_c")];
    expect(latestPerKeyResult(feed).map((i) => i.id)).toEqual(["1", "2", "4"]);
  });

  it("says a value against its target, either way round", () => {
    expect(valueOfTarget("712", "1,310", { start: 0, target: 1310 })).toBe("712 of 1,310");
    expect(valueOfTarget("9.3 h", "4 h", { start: 24, target: 4 })).toBe("9.3 h, target 4 h");
  });

  it("says how old the numbers are", () => {
    expect(agoWords(4_000)).toBe("4 s ago");
    expect(agoWords(-50)).toBe("0 s ago");
    expect(agoWords(3 * 60_000)).toBe("3 min ago");
    expect(agoWords(5 * 3_600_000)).toBe("5 h ago");
    expect(agoWords(3 * 86_400_000)).toBe("3 days ago");
  });

  it("reads when the numbers changed from the stream's event id", () => {
    expect(changedAtFromEventId("1764770000000-0123456789abcdef")).toBe(1764770000000);
    expect(changedAtFromEventId("")).toBeNull();
    expect(changedAtFromEventId("12-nothex")).toBeNull();
  });

  it("drops stream events that are not summaries instead of blanking the screen", () => {
    expect(parseLiveSummary("not json")).toBeNull();
    expect(parseLiveSummary('{"goal":{}}')).toBeNull();
    expect(parseLiveSummary("[]")).toBeNull();
  });
});
