import { describe, expect, it } from "vitest";
import { parseLiveSummary } from "../api/live-summary";
import { bothTeams, channelWords } from "./tv-words";

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

  it("drops stream events that are not summaries instead of blanking the screen", () => {
    expect(parseLiveSummary("not json")).toBeNull();
    expect(parseLiveSummary('{"goal":{}}')).toBeNull();
    expect(parseLiveSummary("[]")).toBeNull();
  });
});
