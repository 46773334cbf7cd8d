import { SQRT_2_OVER_PI } from "./constants.js";
import { erfcx } from "./erfcx.js";
import { halfSquareLow } from "./expSquare.js";
import { ndtr, normalPdf } from "./ndtr.js";

/**
 * log Φ(x), the log of the standard normal CDF.
 *
 * Derivative: d/dx logNdtr(x) = φ(x)/Φ(x)  (see `logNdtrDeriv`).
 * Branches: x < -0.7 log(½ erfcx(-x/√2)) - x²/2 with x²/2 carried in double-double
 * (logNdtr(-40) = -804.6084420137538; finite for all finite x); -0.7 ≤ x < 0 log(Φ(x));
 * x ≥ 0 log1p(-Φ(-x)), so for large x the result ≈ -Φ(-x) is relatively accurate.
 * Edges: logNdtr(-Infinity) = -Infinity, logNdtr(+Infinity) = 0, NaN → NaN.
 */
export function logNdtr(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < -0.7) {
    return Math.log(0.5 * erfcx(-x * Math.SQRT1_2)) - 0.5 * (x * x) - halfSquareLow(x);
  }
  if (x < 0) return Math.log(ndtr(x));
  return Math.log1p(-ndtr(-x));
}

/**
 * d/dx log Φ(x) = φ(x)/Φ(x) (the inverse Mills ratio of -x).
 * For x < -0.7 this is √(2/π)/erfcx(-x/√2), which never forms 0/0 and tends to -x as
 * x → -∞; otherwise φ(x)/Φ(x) directly. Edges: +Infinity at -Infinity, 0 at +Infinity.
 */
export function logNdtrDeriv(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < -0.7) return SQRT_2_OVER_PI / erfcx(-x * Math.SQRT1_2);
  return normalPdf(x) / ndtr(x);
}
