import { fftInPlace, nextPowerOfTwo } from "./fft.js";

/**
 * Biased autocovariance γ̂_t = (1/n) Σ_{i<n−t} (x_i − x̄)(x_{i+t} − x̄) for lags
 * t = 0..n−1, via FFT of the mean-removed series zero-padded to ≥ 2n (so the
 * circular correlation equals the linear one), as in ArviZ's `autocov` and
 * the Stan reference manual.
 */
export function autocovariance(x: Float64Array): Float64Array {
  const n = x.length;
  const m = nextPowerOfTwo(2 * n);
  let mu = 0;
  for (let i = 0; i < n; i++) mu += x[i];
  mu /= n;
  const re = new Float64Array(m);
  const im = new Float64Array(m);
  for (let i = 0; i < n; i++) re[i] = x[i] - mu;
  fftInPlace(re, im);
  // power spectrum |X_k|^2 is real and even, so a second forward transform
  // gives m times the inverse transform
  for (let k = 0; k < m; k++) {
    re[k] = re[k] * re[k] + im[k] * im[k];
    im[k] = 0;
  }
  fftInPlace(re, im);
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) out[t] = re[t] / m / n;
  return out;
}

/**
 * Autocorrelation ρ̂_t = γ̂_t / γ̂_0 of one chain for lags 0..n−1 (FFT based,
 * see {@link autocovariance}). A constant series gives NaN (0/0), as NumPy.
 */
export function autocorrelation(x: Float64Array): Float64Array {
  const acov = autocovariance(x);
  const c0 = acov[0];
  for (let t = 0; t < acov.length; t++) acov[t] /= c0;
  return acov;
}
