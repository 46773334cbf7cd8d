/**
 * Sample quantile of already *sorted* values with linear interpolation
 * between order statistics (Hyndman & Fan type 7, NumPy's default
 * `method="linear"`): h = (n − 1)p, Q = x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]).
 * The interpolation is evaluated from the nearer end, as NumPy does, so the
 * result is monotone in `p` and exact at the order statistics.
 */
export function sortedQuantile(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.min(Math.max(Math.floor(h), 0), n - 1);
  const hi = Math.min(lo + 1, n - 1);
  const t = h - lo;
  const a = sorted[lo];
  const b = sorted[hi];
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** Median of already *sorted* values (mean of the two middle values for even n). */
export function sortedMedian(sorted: Float64Array): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Ascending sorted copy of `values` (NaN last). */
export function sortedCopy(values: Float64Array): Float64Array {
  return Float64Array.from(values).sort();
}
