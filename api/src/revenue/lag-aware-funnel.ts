/**
 * The lag-aware reverse funnel: the leads a period still needs, given the wins already in hand
 * and that only a share of a lead's wins land in time.
 *
 *   leads needed = (wins needed - wins expected from what is in hand) / (lead->won x share in time)
 *
 * With nothing in hand and every win in time it is the naive funnel: wins needed / lead->won.
 */
export type LagAwareFunnelInput = {
  winsNeeded: number;
  /** Wins the deals and leads already in hand are expected to bring in the period. */
  winsInHand: number;
  /** Wins per lead (the plan's lead->MQL x MQL->SQL x SQL->won). */
  leadToWon: number;
  /** Share of a new lead's wins that land in the period (q0 for a whole period). */
  shareInTime: number;
};

export type LagAwareFunnel = {
  /** The naive funnel's leads: wins needed / lead->won, rounded up. */
  naiveLeads: number | null;
  /** Exact and whole (rounded up) leads still needed; null when no lead can close in time. */
  exact: number | null;
  whole: number | null;
};

// The same tolerance as the reverse funnel: 9,000.000000000002 is 9,000 leads, not 9,001.
const CEIL_TOLERANCE = 1e-12;
const ceilCount = (value: number) => Math.max(0, Math.ceil(value - CEIL_TOLERANCE * value));

function assertShare(value: number, name: string): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite non-negative number, got ${value}`);
  }
}

export function lagAwareFunnel(input: LagAwareFunnelInput): LagAwareFunnel {
  for (const key of ["winsNeeded", "winsInHand", "leadToWon", "shareInTime"] as const) {
    assertShare(input[key], key);
  }
  const missing = Math.max(0, input.winsNeeded - input.winsInHand);
  const perLead = input.leadToWon * input.shareInTime;
  const naive = input.leadToWon > 0 ? input.winsNeeded / input.leadToWon : null;
  const exact = missing === 0 ? 0 : perLead > 0 ? missing / perLead : null;
  return {
    naiveLeads: naive === null ? null : ceilCount(naive),
    exact,
    whole: exact === null ? null : ceilCount(exact),
  };
}
