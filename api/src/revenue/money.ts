/**
 * Money in the revenue model is an integer count of minor units (cents for USD, yen for JPY),
 * held in a plain `number`. Integers up to Number.MAX_SAFE_INTEGER (about 9.0e15, i.e. 90
 * trillion in a two-decimal currency) add exactly, so sums of money are exact without bigint
 * and the same code runs in the browser.
 *
 * Derived figures (expected to date, projections, plan-to-date, gap contributions) are
 * real numbers in minor units and are not rounded here: rounding once, at display, avoids
 * compounding rounding errors. Attribution credits are the one place money is split, and
 * they are rounded here so they add up to the deal exactly.
 */
export type MinorUnits = number;

export function isMinorUnits(value: number): boolean {
  return Number.isSafeInteger(value);
}

export function assertMinorUnits(value: number, name: string): void {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${name} must be a safe integer amount of minor units, got ${value}`);
  }
}

/** Sums integer amounts; throws if the total leaves the exactly representable range. */
export function sumMinor(values: Iterable<MinorUnits>): MinorUnits {
  let total = 0;
  for (const value of values) {
    assertMinorUnits(value, "amount");
    total += value;
  }
  assertMinorUnits(total, "total");
  return total;
}

/**
 * Rounds a derived amount to whole minor units, halves away from zero, so that a loss and a
 * gain of the same size display the same magnitude (Math.round would round -0.5 up to 0).
 */
export function roundMinor(value: number): MinorUnits {
  const rounded = Math.sign(value) * Math.round(Math.abs(value));
  // Normalise -0 so that JSON and equality checks never see a negative zero.
  return rounded === 0 ? 0 : rounded;
}

/**
 * Splits `amount` in proportion to `weights` into whole minor units that sum to `amount`
 * exactly (the largest remainder, or Hamilton, method): everyone gets the floor of their exact
 * share, and the units left over go one each to the largest fractional parts. Ties go to the
 * lower index, so callers control tie-breaking through the order of `weights`. A zero weight
 * always gets zero.
 */
export function allocateLargestRemainder(
  amount: MinorUnits,
  weights: readonly number[],
): MinorUnits[] {
  assertMinorUnits(amount, "amount");
  if (amount < 0) throw new RangeError(`amount must not be negative, got ${amount}`);
  let totalWeight = 0;
  for (const weight of weights) {
    if (!Number.isFinite(weight) || weight < 0) {
      throw new RangeError(`weights must be finite and non-negative, got ${weight}`);
    }
    totalWeight += weight;
  }
  if (!(totalWeight > 0)) throw new RangeError("at least one weight must be positive");

  const shares = weights.map((weight) => (weight === 0 ? 0 : amount * (weight / totalWeight)));
  const credits = shares.map((share) => Math.floor(share));
  let remainder = amount;
  for (const credit of credits) remainder -= credit;

  const order = weights
    .map((weight, index) => ({
      index,
      weight,
      fraction: (shares[index] ?? 0) - Math.floor(shares[index] ?? 0),
    }))
    .filter((entry) => entry.weight > 0)
    .sort((a, b) => b.fraction - a.fraction || a.index - b.index);

  // Mathematically 0 <= remainder < number of positive weights; the loops also absorb the
  // off-by-one that floating-point shares can cause, without ever going below zero.
  for (let step = 0; remainder > 0; step++) {
    const entry = order[step % order.length];
    if (entry === undefined) break;
    credits[entry.index] = (credits[entry.index] ?? 0) + 1;
    remainder -= 1;
  }
  for (let step = order.length - 1; remainder < 0 && step >= 0; step--) {
    const entry = order[step];
    if (entry === undefined) continue;
    const credit = credits[entry.index] ?? 0;
    if (credit > 0) {
      credits[entry.index] = credit - 1;
      remainder += 1;
    }
  }
  return credits;
}

/**
 * Rounds real amounts (which may be negative) to whole minor units that add up to `total`
 * exactly: each is rounded down, and the units left over go one each to the largest fractional
 * parts (or, when the floors overshoot, are taken from the smallest). Entries listed in
 * `fixed` keep their value (already whole) and take no share of the remainder, so a part that
 * must stay exactly zero does.
 */
export function roundToSum(
  values: readonly number[],
  total: MinorUnits,
  fixed: ReadonlySet<number> = new Set(),
): MinorUnits[] {
  assertMinorUnits(total, "total");
  const rounded = values.map((value, index) => {
    if (!Number.isFinite(value)) throw new RangeError(`values must be finite, got ${value}`);
    return fixed.has(index) ? roundMinor(value) : Math.floor(value);
  });
  let remainder = total;
  for (const value of rounded) remainder -= value;
  const order = values
    .map((value, index) => ({ index, fraction: value - Math.floor(value) }))
    .filter((entry) => !fixed.has(entry.index))
    .sort((a, b) => b.fraction - a.fraction || a.index - b.index);
  if (order.length === 0) return rounded;
  for (let step = 0; remainder > 0; step++) {
    const entry = order[step % order.length];
    if (entry === undefined) break;
    rounded[entry.index] = (rounded[entry.index] ?? 0) + 1;
    remainder -= 1;
  }
  for (let step = 0; remainder < 0; step++) {
    const entry = order[order.length - 1 - (step % order.length)];
    if (entry === undefined) break;
    rounded[entry.index] = (rounded[entry.index] ?? 0) - 1;
    remainder += 1;
  }
  return rounded.map((value) => (value === 0 ? 0 : value));
}
