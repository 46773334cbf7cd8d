/**
 * `scipy.ndimage.gaussian_filter1d(input, sigma)` with scipy's defaults (order 0,
 * mode "reflect", truncate 4.0), along the last axis of a row-major array.
 *
 * Kernel: w_k ∝ exp(−k²/(2σ²)) for |k| ≤ r, r = ⌊4σ + 0.5⌋, normalised to sum 1.
 * "reflect" extends the input by half-sample symmetry (d c b a | a b c d | d c b a),
 * repeated as often as the radius needs (index i ↦ i mod 2n, then 2n − 1 − i past n).
 */

/** Index of sample `i` (any integer) under scipy's "reflect" boundary for length n. */
export function reflectIndex(i: number, n: number): number {
  const period = 2 * n;
  let j = i % period;
  if (j < 0) j += period;
  return j < n ? j : period - 1 - j;
}

/**
 * Smooths each row of `values` (shape [rows, n], row-major; rows = values.length / n)
 * with a Gaussian of standard deviation `sigma` samples. Throws RangeError for
 * sigma ≤ 0, n < 1, or a length that is not a multiple of n.
 */
export function gaussianFilter1d(
  values: ArrayLike<number>,
  sigma: number,
  n: number = values.length,
): Float64Array {
  if (!(sigma > 0) || !Number.isFinite(sigma))
    throw new RangeError(`gaussianFilter1d: sigma must be > 0, got ${sigma}`);
  if (!Number.isInteger(n) || n < 1 || values.length % n !== 0)
    throw new RangeError(`gaussianFilter1d: row length ${n} does not divide ${values.length}`);
  const radius = Math.floor(4 * sigma + 0.5);
  const w = new Float64Array(2 * radius + 1);
  let total = 0;
  for (let k = -radius; k <= radius; k++) {
    w[k + radius] = Math.exp((-0.5 * k * k) / (sigma * sigma));
    total += w[k + radius];
  }
  for (let k = 0; k < w.length; k++) w[k] /= total;
  const out = new Float64Array(values.length);
  for (let r = 0; r < values.length / n; r++) {
    const base = r * n;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = -radius; k <= radius; k++)
        s += w[k + radius] * values[base + reflectIndex(i + k, n)];
      out[base + i] = s;
    }
  }
  return out;
}
