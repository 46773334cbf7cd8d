/** Sample quantiles (Hyndman & Fan 1996, type 7: linear interpolation of order statistics). */

/** Quantile `p` ∈ [0, 1] of an ascending-sorted array. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Finite values of `values`, sorted ascending, as a new array. */
export function sortedFinite(values: ArrayLike<number>): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) out.push(values[i]);
  return Float64Array.from(out).sort();
}

/** Quantiles of the finite entries of `values` at each probability in `probs`. */
export function quantiles(values: ArrayLike<number>, probs: readonly number[]): number[] {
  const s = sortedFinite(values);
  return probs.map((p) => quantileSorted(s, p));
}
