import { add, irfft, rfft, square, zeros } from "@sidereal/tensor";

/**
 * Biased autocovariance γ̂_t = (1/n) Σ_{i<n−t} (x_i − x̄)(x_{i+t} − x̄) for lags
 * t = 0..n−1, via FFT of the mean-removed series zero-padded to ≥ 2n (so the
 * circular correlation equals the linear one), as in ArviZ's `autocov` and
 * the Stan reference manual.
 */
export function autocovariance(x: Float64Array): Float64Array {
  const n = x.length;
  let m = 1;
  while (m < 2 * n) m *= 2;
  let mu = 0;
  for (let i = 0; i < n; i++) mu += x[i];
  mu /= n;
  const centred = new Float64Array(m);
  for (let i = 0; i < n; i++) centred[i] = x[i] - mu;
  // |X_k|² of the zero-padded series; its inverse transform is the circular (here
  // linear) autocorrelation sum, scaled by 1/m as numpy's irfft
  const { re, im } = rfft(centred, m);
  const power = irfft(add(square(re), square(im)), zeros(re.shape), m).toArray();
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) out[t] = power[t] / n;
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
