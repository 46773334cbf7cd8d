import { TWO_OVER_SQRT_PI } from "./constants.js";
import { erfcx } from "./erfcx.js";
import { expNegSquare } from "./expSquare.js";

/** Maclaurin series erf(x) = (2/√π) Σ (-1)^n x^{2n+1} / (n!(2n+1)), used for |x| < 0.5. */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 40; n++) {
    term *= -x2 / n;
    const t = term / (2 * n + 1);
    sum += t;
    if (Math.abs(t) < 1e-17 * Math.abs(sum)) break;
  }
  return TWO_OVER_SQRT_PI * sum;
}

/**
 * Error function erf(x) = (2/√π) ∫₀ˣ exp(-t²) dt.
 *
 * Derivative: d/dx erf(x) = (2/√π) exp(-x²)  (see `erfDeriv`).
 * Identities: erf(-x) = -erf(x);  erf(x) + erfc(x) = 1.
 * Branches: |x| < 0.5 Maclaurin series (relative accuracy down to subnormal x);
 * otherwise sign(x)·(1 - erfc(|x|)). Edges: erf(±Infinity) = ±1, NaN → NaN.
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const ax = Math.abs(x);
  if (ax < 0.5) return erfSeries(x);
  if (ax > 6) return x > 0 ? 1 : -1;
  const r = 1 - erfcx(ax) * expNegSquare(ax);
  return x > 0 ? r : -r;
}

/**
 * Complementary error function erfc(x) = 1 - erf(x).
 *
 * Derivative: d/dx erfc(x) = -(2/√π) exp(-x²).
 * Branches: x ≥ 0.5 erfcx(x)·exp(-x²) with x² split exactly (so the far tail keeps full
 * relative accuracy down to the subnormal range, erfc(26) ≈ 5.66e-296); |x| < 0.5 1 - erf(x);
 * x ≤ -0.5 2 - erfc(-x). Edges: erfc(+Infinity) = 0, erfc(-Infinity) = 2, NaN → NaN.
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x >= 0.5) {
    if (x > 27.3) return 0;
    return erfcx(x) * expNegSquare(x);
  }
  if (x > -0.5) return 1 - erfSeries(x);
  return 2 - erfc(-x);
}

/** d/dx erf(x) = (2/√π) exp(-x²) (exp(-x²) formed in double-double). */
export function erfDeriv(x: number): number {
  return TWO_OVER_SQRT_PI * expNegSquare(x);
}
