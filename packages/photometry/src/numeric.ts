/**
 * Small numeric kernels shared by the templates: linear interpolation on increasing knots
 * (np.interp semantics, with a choice of edge behaviour), log-spaced grids, and Simpson's rule
 * on irregular samples (scipy.integrate.simpson, with Cartwright's correction for a final
 * odd interval).
 */

/** First index i with a[i] >= x (a increasing), or a.length. */
export function lowerBound(a: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Largest k with x[k] <= v, clamped to [0, n-2] (x increasing, n >= 2). */
export function bracket(x: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = x.length - 1;
  if (v <= x[0]) return 0;
  if (v >= x[hi]) return hi - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (x[mid] <= v) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Linear interpolation of (x, y) at v; outside the knots: clamp to the end values, or `outside`. */
export function interp(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  v: number,
  outside?: number,
): number {
  const n = x.length;
  if (v < x[0]) return outside ?? y[0];
  if (v > x[n - 1]) return outside ?? y[n - 1];
  const k = bracket(x, v);
  const dx = x[k + 1] - x[k];
  if (dx === 0) return y[k + 1];
  return y[k] + ((v - x[k]) / dx) * (y[k + 1] - y[k]);
}

/** `n` points log-spaced from `a` to `b` inclusive (np.logspace(log10 a, log10 b, n)). */
export function logspace(a: number, b: number, n: number): Float64Array {
  const la = Math.log10(a);
  const step = (Math.log10(b) - la) / (n - 1);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = 10 ** (la + i * step);
  return out;
}

/** Simpson's rule on irregular samples, as scipy.integrate.simpson (SciPy ≥ 1.11). */
export function simpson(y: ArrayLike<number>, x: ArrayLike<number>): number {
  const n = x.length;
  if (n < 3) return n === 2 ? 0.5 * (x[1] - x[0]) * (y[0] + y[1]) : 0;
  const pairsEnd = n % 2 === 1 ? n - 1 : n - 2;
  let s = 0;
  for (let i = 0; i < pairsEnd; i += 2) {
    const h0 = x[i + 1] - x[i];
    const h1 = x[i + 2] - x[i + 1];
    const hs = h0 + h1;
    s +=
      (hs / 6) *
      ((2 - h1 / h0) * y[i] + ((hs * hs) / (h0 * h1)) * y[i + 1] + (2 - h0 / h1) * y[i + 2]);
  }
  if (n % 2 === 0) {
    // Cartwright's correction: a quadratic through the last three points over the last interval.
    const h1 = x[n - 2] - x[n - 3];
    const h2 = x[n - 1] - x[n - 2];
    const alpha = (2 * h2 * h2 + 3 * h1 * h2) / (6 * (h1 + h2));
    const beta = (h2 * h2 + 3 * h1 * h2) / (6 * h1);
    const eta = (h2 * h2 * h2) / (6 * h1 * (h1 + h2));
    s += alpha * y[n - 1] + beta * y[n - 2] - eta * y[n - 3];
  }
  return s;
}
