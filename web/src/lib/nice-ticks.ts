/** Steps a reader counts in without effort: 1, 2, 2.5 and 5 times a power of ten. */
const NICE_STEPS = [1, 2, 2.5, 5, 10];

export interface NiceScale {
  /** The axis ends, both on a tick. */
  domain: [number, number];
  ticks: number[];
  step: number;
}

/** Removes float noise (0.30000000000000004) so tick labels read as the round numbers they are. */
function clean(value: number, step: number): number {
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  const rounded = Number(value.toFixed(Math.min(20, digits)));
  return rounded === 0 ? 0 : rounded;
}

/**
 * Round ticks covering [low, high]: $1M, $1.25M, $1.5M rather than $1M, $1.3M, $1.5M. About
 * `count` intervals; the domain ends on ticks, so no bar or line runs past the axis.
 */
export function niceTicks(low: number, high: number, count = 5): NiceScale {
  if (!Number.isFinite(low) || !Number.isFinite(high)) return niceTicks(0, 1, count);
  let lo = Math.min(low, high);
  let hi = Math.max(low, high);
  if (hi === lo) {
    // A flat series still needs an axis: open it around the value (or 0..1 at zero).
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo = lo >= 0 && lo - pad < 0 ? 0 : lo - pad;
    hi += pad;
  }
  const raw = (hi - lo) / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const multiple = NICE_STEPS.find((s) => s * magnitude >= raw * (1 - 1e-9)) ?? 10;
  const step = multiple * magnitude;
  const first = Math.floor(lo / step + 1e-9) * step;
  const last = Math.ceil(hi / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let i = 0; first + i * step <= last + step * 1e-9; i++)
    ticks.push(clean(first + i * step, step));
  return { domain: [clean(first, step), clean(last, step)], ticks, step };
}
