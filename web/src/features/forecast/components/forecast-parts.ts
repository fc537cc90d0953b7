import type { Formatters } from "../../../lib/format";

/** The four parts in the order they add up, with the team each is credited to. */
export const forecastParts = [
  { key: "booked", label: "Booked", team: "both teams", tone: "booked" },
  { key: "pipeline", label: "Open pipeline", team: "sales", tone: "sales" },
  { key: "leadsInHand", label: "Leads in hand", team: "marketing", tone: "marketing" },
  { key: "leadsToCome", label: "Leads to come", team: "marketing", tone: "to-come" },
] as const;

export type PartKey = (typeof forecastParts)[number]["key"];
export type PartAmounts = Record<PartKey, number>;

/** "+$12,000 since Nov 26, most of it the open pipeline (+$9,000)". */
export function moveSentence(
  moved: ({ since: string; total: number } & Partial<PartAmounts>) | null,
  format: Formatters,
): string | null {
  if (!moved) return null;
  const parts = forecastParts
    .map((p) => ({ ...p, delta: moved[p.key] }))
    .filter((p): p is typeof p & { delta: number } => typeof p.delta === "number" && p.delta !== 0)
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta));
  const head = `${format.moneySigned(moved.total)} since ${format.dayShort(moved.since)}`;
  const biggest = parts[0];
  if (moved.total === 0 && !biggest) return `Unchanged since ${format.dayShort(moved.since)}`;
  return biggest
    ? `${head}; the biggest move: ${biggest.label.toLowerCase()} ${format.moneySigned(biggest.delta)}`
    : head;
}
