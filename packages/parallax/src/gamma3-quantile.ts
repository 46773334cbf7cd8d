/**
 * The quantile function of Gamma(3, 1) (the standardised EDSD prior, r / L), by a
 * safeguarded Newton iteration on the log of the lower or upper tail probability.
 */
import { scalarSpecial } from "@sidereal/tensor";

/** Density of Gamma(3, 1): x² e^{-x} / 2. */
export function gamma3Pdf(x: number): number {
  return x > 0 ? 0.5 * x * x * Math.exp(-x) : 0;
}

/**
 * x with P(3, x) = q, the inverse of the regularised lower incomplete gamma function for
 * shape 3. For q <= 1/2 Newton's method is applied to log P(3, x) - log q, otherwise to
 * log Q(3, x) - log(1 - q) (so both tails keep full relative precision), starting from
 * the Wilson–Hilferty approximation (or (6q)^{1/3} deep in the lower tail) and falling back
 * to bisection whenever a step leaves the current bracket. Converges to a few ulp.
 * Edges: q = 0 → 0, q = 1 → +Infinity, q outside [0, 1] or NaN → NaN.
 */
export function gamma3Quantile(q: number): number {
  if (!(q >= 0 && q <= 1)) return Number.NaN;
  if (q === 0) return 0;
  if (q === 1) return Number.POSITIVE_INFINITY;
  const lower = q <= 0.5;
  const target = lower ? Math.log(q) : Math.log1p(-q);
  // Starting point: Wilson–Hilferty, x ≈ 3 (1 - 1/27 + z / √27)³ with z = Φ⁻¹(q).
  const z = scalarSpecial.ndtri(q);
  let x = 3 * (1 - 1 / 27 + z / Math.sqrt(27)) ** 3;
  if (!(x > 0) || q < 1e-3) x = Math.cbrt(6 * q);
  let lo = 0;
  let hi = Number.POSITIVE_INFINITY;
  for (let iter = 0; iter < 200; iter++) {
    const tail = lower ? scalarSpecial.gammaincReg(3, x) : scalarSpecial.gammaincCReg(3, x);
    const f = Math.log(tail) - target; // increasing in x for the lower tail, decreasing for the upper
    const increasing = lower ? f : -f;
    if (increasing === 0) return x;
    if (increasing < 0) lo = x;
    else hi = x;
    const slope = gamma3Pdf(x) / tail; // |d log(tail) / dx|
    let next = x - increasing / slope;
    if (!(next > lo && next < hi)) next = hi === Number.POSITIVE_INFINITY ? 2 * x : 0.5 * (lo + hi);
    if (Math.abs(next - x) <= 1e-15 * x) return next;
    x = next;
  }
  return x;
}
