/** Numbers as the digest and alerts write them; money in the organization's currency. */
export function formatMoney(amount: number, currency: string): string {
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency,
    maximumFractionDigits: 0,
  }).format(amount);
}

export function formatSignedMoney(amount: number, currency: string): string {
  const text = formatMoney(Math.abs(amount), currency);
  return amount < 0 ? `−${text}` : `+${text}`;
}

export function formatPercent(share: number | null): string {
  return share === null ? "–" : `${Math.round(share * 100)}%`;
}

export const statusWords: Record<string, string> = {
  on_track: "on track",
  at_risk: "at risk",
  off_track: "off track",
  not_started: "not started",
};
