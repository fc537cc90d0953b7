/**
 * Exact Shapley value of a product of factors switching from `plan` to `actual`.
 *
 * The game: v(S) = product of actual values for the factors in S and planned values for the
 * rest, so v(none) is the plan and v(all) the actual. Factor i's Shapley value is its marginal
 * effect averaged over every order in which the factors could switch:
 *
 *   phi_i = (a_i - p_i) * sum over k of w_k * e_k(i),   w_k = k! (n-1-k)! / n! = 1 / (n * C(n-1, k))
 *
 * where e_k(i) sums, over the k-subsets S of the other factors, the products of a_j over S and
 * p_j over the rest: exactly the coefficient of t^k in prod_{j != i} (p_j + a_j t). Building
 * that polynomial costs O(n^2) per factor, so this is exact for any n without enumerating the
 * 2^n coalitions. The values sum to prod(actual) - prod(plan) (efficiency), do not depend on
 * the order of the factors (symmetry), and a factor equal in plan and actual gets 0.
 */
export function shapleyProduct(plan: readonly number[], actual: readonly number[]): number[] {
  const n = plan.length;
  if (n === 0 || actual.length !== n) {
    throw new RangeError(
      `plan and actual need the same, non-zero number of factors (${n}, ${actual.length})`,
    );
  }
  for (const value of [...plan, ...actual]) {
    if (!Number.isFinite(value)) throw new RangeError(`factors must be finite, got ${value}`);
  }

  const weights = subsetWeights(n);
  const contributions: number[] = [];
  for (let i = 0; i < n; i++) {
    const planI = plan[i] ?? 0;
    const actualI = actual[i] ?? 0;
    if (planI === actualI) {
      contributions.push(0);
      continue;
    }
    const coefficients = [1];
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      multiplyByLinear(coefficients, plan[j] ?? 0, actual[j] ?? 0);
    }
    contributions.push((actualI - planI) * weightedSum(coefficients, weights));
  }
  return contributions;
}

/** w_k = 1 / (n * C(n-1, k)) for k = 0..n-1: the chance a given k-subset precedes factor i. */
function subsetWeights(n: number): number[] {
  const weights: number[] = [];
  let binomial = 1;
  for (let k = 0; k < n; k++) {
    weights.push(1 / (n * binomial));
    binomial = (binomial * (n - 1 - k)) / (k + 1);
  }
  return weights;
}

/** coefficients := coefficients * (constant + slope t), in place. */
function multiplyByLinear(coefficients: number[], constant: number, slope: number): void {
  coefficients.push(0);
  for (let k = coefficients.length - 1; k >= 0; k--) {
    const lower = k > 0 ? (coefficients[k - 1] ?? 0) : 0;
    coefficients[k] = (coefficients[k] ?? 0) * constant + lower * slope;
  }
}

/**
 * sum_k w_k c_k, adding the mirror terms k and n-1-k together first. Swapping plan and actual
 * mirrors the coefficients (c_k <-> c_{n-1-k}) bit for bit and w is symmetric, so this order
 * gives the very same sum either way: swapping plan and actual negates every contribution
 * exactly, not just to rounding.
 */
function weightedSum(coefficients: readonly number[], weights: readonly number[]): number {
  const last = coefficients.length - 1;
  let sum = 0;
  for (let low = 0, high = last; low <= high; low++, high--) {
    const weight = weights[low] ?? 0;
    const pair =
      low === high
        ? (coefficients[low] ?? 0)
        : (coefficients[low] ?? 0) + (coefficients[high] ?? 0);
    sum += weight * pair;
  }
  return sum;
}
