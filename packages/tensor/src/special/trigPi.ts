/**
 * sin(πx) and cos(πx) with exact argument reduction (so sinPi(n) = 0 exactly for integers).
 * Internal helpers for the reflection formulas of lgamma, digamma and trigamma.
 */

/** sin(πx). */
export function sinPi(x: number): number {
  if (!Number.isFinite(x)) return Number.NaN;
  if (x < 0) return -sinPi(-x);
  let r = x % 2; // exact
  let sign = 1;
  if (r >= 1) {
    r -= 1;
    sign = -1;
  }
  let s: number;
  if (r <= 0.25) s = Math.sin(Math.PI * r);
  else if (r <= 0.75) s = Math.cos(Math.PI * (r - 0.5));
  else s = Math.sin(Math.PI * (1 - r));
  return sign * s;
}

/** cos(πx). */
export function cosPi(x: number): number {
  if (!Number.isFinite(x)) return Number.NaN;
  let r = Math.abs(x) % 2;
  let sign = 1;
  if (r >= 1) {
    r -= 1;
    sign = -1;
  }
  let c: number;
  if (r <= 0.25) c = Math.cos(Math.PI * r);
  else if (r <= 0.75) c = -Math.sin(Math.PI * (r - 0.5));
  else c = -Math.cos(Math.PI * (1 - r));
  return sign * c;
}
