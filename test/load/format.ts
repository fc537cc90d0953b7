// How figures are written in the report and on the console.

const fixed = (value: number, digits: number) =>
  value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Two decimals under 10, one under 100, none above: as precise as the noise allows. */
function adaptive(value: number): string {
  return fixed(value, value < 10 ? 2 : value < 100 ? 1 : 0);
}

export function ms(value: number): string {
  return Number.isFinite(value) ? `${adaptive(value)} ms` : "–";
}

export function times(value: number): string {
  return Number.isFinite(value) ? `${adaptive(value)}×` : "–";
}

export function kb(bytes: number): string {
  return `${fixed(bytes / 1000, 1)} kB`;
}

export function mb(bytes: number): string {
  return `${fixed(bytes / 1e6, 0)} MB`;
}

export function count(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

export function perSecond(value: number): string {
  return Number.isFinite(value) ? `${value < 100 ? fixed(value, 1) : count(value)}/s` : "–";
}

export function seconds(value: number): string {
  return value < 100 ? `${fixed(value, 1)} s` : `${fixed(value / 60, 1)} min`;
}
