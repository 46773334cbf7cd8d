import { erfcinv } from "./erfinv.js";
import { logNdtrDeriv } from "./logNdtr.js";

/**
 * Inverse of the standard normal CDF: ndtr(ndtri(p)) = p for p ∈ (0, 1).
 *
 * Derivative: d/dp ndtri(p) = √(2π) exp(ndtri(p)²/2)  (see `ndtriDeriv`).
 * Identity: ndtri(p) = -√2 erfcinv(2p) = √2 erfcinv(2(1-p)); the lower tail uses 2p (exact)
 * and the upper tail 1 - p (exact for p ≥ ½), so both tails are accurate
 * (ndtri(1e-300) = -37.0471...). Algorithm: Acklam (2003) start refined by Newton in log space
 * (see `erfcinv`).
 * Edges: ndtri(0) = -Infinity, ndtri(1) = +Infinity, p ∉ [0, 1] → NaN, NaN → NaN.
 */
export function ndtri(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  if (p < 0.5) return -Math.SQRT2 * erfcinv(2 * p);
  return Math.SQRT2 * erfcinv(2 * (1 - p));
}

/**
 * d/dp ndtri(p) = √(2π)·exp(ndtri(p)²/2) = 1/φ(x), x = ndtri(p).
 * Evaluated as 1/(p·(φ/Φ)(x)) (and 1/((1-p)·(φ/Φ)(-x)) for p ≥ ½): exp(x²/2) would amplify the
 * rounding of x by x² (≈ 1e-13 at p = 1e-100), whereas the inverse Mills ratio φ/Φ has
 * relative condition ≈ 1. Edges: +Infinity at p = 0 and p = 1.
 */
export function ndtriDeriv(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  if (p === 0 || p === 1) return Number.POSITIVE_INFINITY;
  const x = ndtri(p);
  if (p < 0.5) return 1 / (p * logNdtrDeriv(x));
  return 1 / ((1 - p) * logNdtrDeriv(-x));
}
