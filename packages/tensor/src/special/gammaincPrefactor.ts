import { LN_SQRT_2PI } from "./constants.js";
import { lgamma } from "./lgamma.js";
import { log1pmx } from "./log1pmx.js";
import { stirlingCorrection } from "./stirling.js";

/**
 * log of x^a e^{-x} / Γ(a), the common prefactor of P(a,x) and Q(a,x).
 * For a ≥ 10 it is written (Temme/DiDonato–Morris style) as
 *   a·[log(1+u) - u] + ½ log a - ½ log 2π - corr(a),   u = (x - a)/a,
 * which avoids the cancellation of a log x - x - lgamma(a) when x ≈ a is large. Internal.
 */
export function logGammaPrefactor(a: number, x: number): number {
  if (a >= 10) {
    return a * log1pmx((x - a) / a) + 0.5 * Math.log(a) - LN_SQRT_2PI - stirlingCorrection(a);
  }
  return a * Math.log(x) - x - lgamma(a);
}

/** x^a e^{-x} / Γ(a) (for a < 10 and x < 700 as exp(a log x - lgamma a)·exp(-x)). Internal. */
export function gammaPrefactor(a: number, x: number): number {
  if (a < 10 && x < 700) return Math.exp(a * Math.log(x) - lgamma(a)) * Math.exp(-x);
  return Math.exp(logGammaPrefactor(a, x));
}
