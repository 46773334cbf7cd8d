/**
 * exp(±x²) and exp(-x²/2) without the error amplification of forming x² in floating point.
 *
 * x² is split exactly as hi + lo (Dekker/Veltkamp two-product), then
 * exp(-x²) = exp(-hi)·exp(-lo) ≈ exp(-hi)·(1 - lo). Plain `Math.exp(-x*x)` has relative
 * error ≈ x²·ε (≈ 7e-14 at x = 26); this keeps it at a few ulp. Internal helper.
 */

const SPLITTER = 134217729; // 2^27 + 1

/** Low part of x² (x² = x*x + squareLow(x) exactly, for |x| < 1e150). */
function squareLow(x: number, hi: number): number {
  const c = SPLITTER * x;
  const xh = c - (c - x);
  const xl = x - xh;
  return xh * xh - hi + 2 * xh * xl + xl * xl;
}

/** exp(-x²), accurate to a few ulp (0 once it underflows). */
export function expNegSquare(x: number): number {
  const hi = x * x;
  if (hi > 750) return 0;
  return Math.exp(-hi) * (1 - squareLow(x, hi));
}

/** exp(x²), accurate to a few ulp (+Infinity once it overflows). */
export function expSquare(x: number): number {
  const hi = x * x;
  if (hi > 710) return Number.POSITIVE_INFINITY;
  return Math.exp(hi) * (1 + squareLow(x, hi));
}

/** exp(-x²/2), accurate to a few ulp. */
export function expNegHalfSquare(x: number): number {
  const hi = x * x;
  if (hi > 1500) return 0;
  return Math.exp(-0.5 * hi) * (1 - 0.5 * squareLow(x, hi));
}

/** exp(x²/2), accurate to a few ulp (+Infinity once it overflows). */
export function expHalfSquare(x: number): number {
  const hi = x * x;
  if (hi > 1420) return Number.POSITIVE_INFINITY;
  return Math.exp(0.5 * hi) * (1 + 0.5 * squareLow(x, hi));
}

/** The rounding error of x²/2: x²/2 = 0.5*(x*x) + halfSquareLow(x) exactly (0 if x² overflows). */
export function halfSquareLow(x: number): number {
  const hi = x * x;
  if (!(hi < 1e300)) return 0;
  return 0.5 * squareLow(x, hi);
}
