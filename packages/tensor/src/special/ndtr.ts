import { INV_SQRT_2PI } from "./constants.js";
import { erf, erfc } from "./erf.js";
import { erfcx } from "./erfcx.js";
import { expNegHalfSquare } from "./expSquare.js";

/**
 * Standard normal CDF Φ(x) = ½ erfc(-x/√2).
 *
 * Derivative: d/dx ndtr(x) = φ(x) = exp(-x²/2)/√(2π)  (see `normalPdf`).
 * Identity: ndtr(x) + ndtr(-x) = 1.
 * Branches: x < -0.7 uses ½·erfcx(-x/√2)·exp(-x²/2) with x² split exactly (so the left tail
 * is relatively accurate down to the subnormal range; a plain erfc(-x/√2) would lose ~x²·ε
 * to the rounding of x/√2); |x| ≤ 0.7 ½ + ½ erf(x/√2); x > 0.7 1 - ½ erfc(x/√2).
 * Edges: ndtr(-Infinity) = 0, ndtr(+Infinity) = 1, NaN → NaN.
 */
export function ndtr(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < -0.7) {
    if (x < -40) return 0;
    return 0.5 * erfcx(-x * Math.SQRT1_2) * expNegHalfSquare(x);
  }
  if (x <= 0.7) return 0.5 + 0.5 * erf(x * Math.SQRT1_2);
  return 1 - 0.5 * erfc(x * Math.SQRT1_2);
}

/** Standard normal density φ(x) = exp(-x²/2)/√(2π) (the derivative of `ndtr`). */
export function normalPdf(x: number): number {
  return INV_SQRT_2PI * expNegHalfSquare(x);
}
