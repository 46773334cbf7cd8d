/** Arithmetic mean of `values` (NaN for an empty array). */
export function mean(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

/**
 * Variance of `values` with `ddof` delta degrees of freedom
 * (`ddof = 1`: unbiased sample variance), two-pass for accuracy.
 */
export function variance(values: Float64Array, ddof = 1): number {
  const m = mean(values);
  let s = 0;
  for (let i = 0; i < values.length; i++) {
    const d = values[i] - m;
    s += d * d;
  }
  return s / (values.length - ddof);
}
