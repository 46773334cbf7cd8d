/**
 * Minimal in-place radix-2 complex FFT, local to the diagnostics.
 *
 * Why a local FFT: the autocovariance used by the ESS estimators is computed
 * through the Wiener–Khinchin theorem in O(n log n) (as ArviZ and Stan do) and
 * this package must not depend on a tensor library. A general FFT is being
 * written in `@sidereal/tensor`; once it lands this file can be replaced by it
 * (only `autocorrelation.ts` imports it). Kept deliberately small: power-of-two
 * lengths only, which suffices because the autocovariance zero-pads anyway.
 */

/** Smallest power of two that is `>= n` (1 for n <= 1). */
export function nextPowerOfTwo(n: number): number {
  let m = 1;
  while (m < n) m *= 2;
  return m;
}

/**
 * In-place forward discrete Fourier transform X_k = Σ_j x_j e^{−2πi jk/m} of
 * the complex sequence (`re`, `im`), whose common length m must be a power of
 * two (iterative Cooley–Tukey with bit-reversal permutation).
 */
export function fftInPlace(re: Float64Array, im: Float64Array): void {
  const m = re.length;
  if (im.length !== m || (m & (m - 1)) !== 0) {
    throw new RangeError(`fftInPlace needs equal power-of-two lengths, got ${m}`);
  }
  // bit-reversal permutation
  for (let i = 1, j = 0; i < m; i++) {
    let bit = m >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      let t = re[i];
      re[i] = re[j];
      re[j] = t;
      t = im[i];
      im[i] = im[j];
      im[j] = t;
    }
  }
  // twiddles computed directly (not by recurrence) for full accuracy
  const half = m >> 1;
  const cos = new Float64Array(half);
  const sin = new Float64Array(half);
  for (let k = 0; k < half; k++) {
    const angle = (-2 * Math.PI * k) / m;
    cos[k] = Math.cos(angle);
    sin[k] = Math.sin(angle);
  }
  for (let size = 2; size <= m; size *= 2) {
    const halfSize = size >> 1;
    const step = m / size;
    for (let start = 0; start < m; start += size) {
      for (let k = 0; k < halfSize; k++) {
        const wr = cos[k * step];
        const wi = sin[k * step];
        const a = start + k;
        const b = a + halfSize;
        const xr = re[b] * wr - im[b] * wi;
        const xi = re[b] * wi + im[b] * wr;
        re[b] = re[a] - xr;
        im[b] = im[a] - xi;
        re[a] += xr;
        im[a] += xi;
      }
    }
  }
}
