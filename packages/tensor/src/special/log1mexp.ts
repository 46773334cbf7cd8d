/**
 * log(1 - exp(x)) for x ≤ 0, with Mächler's (2012) switch at -ln 2:
 * log(-expm1(x)) for -ln 2 < x ≤ 0 and log1p(-exp(x)) for x ≤ -ln 2.
 *
 * Derivative: d/dx log1mexp(x) = -1/expm1(-x)  (see `log1mexpDeriv`).
 * Edges: log1mexp(0) = -Infinity, log1mexp(-Infinity) = 0, x > 0 → NaN, NaN → NaN.
 */
export function log1mexp(x: number): number {
  if (Number.isNaN(x) || x > 0) return Number.NaN;
  if (x > -Math.LN2) return Math.log(-Math.expm1(x));
  return Math.log1p(-Math.exp(x));
}

/** d/dx log(1 - exp(x)) = -exp(x)/(1 - exp(x)) = -1/expm1(-x); -Infinity at x = 0. */
export function log1mexpDeriv(x: number): number {
  if (Number.isNaN(x) || x > 0) return Number.NaN;
  return -1 / Math.expm1(-x);
}
