import { chebyshev, chebyshevDerivative } from "./chebyshev.js";
import { SQRT_PI, TWO_OVER_SQRT_PI } from "./constants.js";
import { expSquare } from "./expSquare.js";

// Chebyshev coefficients of (1+2x)·erfcx(x) in t = (x-K)/(x+K), K = 3.75, over x ∈ [0, ∞)
// (the variable and scaling of Shepherd & Laframboise 1981; coefficients fitted with mpmath,
// see fixtures/make_coefficients.py).
const K = 3.75;
const ERFCX_CHEB: readonly number[] = [
  2.3551578691348034, -0.004590054580646478, -0.08424913336651792, 0.05920993999819189,
  -0.026658668435305753, 0.009074997670705265, -0.002413163540417608, 0.0004907758365258086,
  -0.00006916973302501207, 4.13902798607301e-6, 7.74038306619849e-7, -2.1886401049234397e-7,
  1.076499946567091e-8, 4.521959811218287e-9, -7.754400208831351e-10, -6.318088340886684e-11,
  2.86879501093067e-11, 1.9455868545777347e-13, -9.65469674843344e-13, 3.25254814814874e-14,
  3.3478119482868056e-14, -1.864562880419313e-15, -1.2507950530688648e-15, 7.418235256624044e-17,
  5.068148904796111e-17, -2.2370566594359995e-18, -2.187342944303018e-18,
];

const ERFCX_CHEB_D = chebyshevDerivative(ERFCX_CHEB);

/**
 * Scaled complementary error function erfcx(x) = exp(x²)·erfc(x).
 *
 * Derivative: d/dx erfcx(x) = 2x·erfcx(x) - 2/√π  (see `erfcxDeriv`).
 * Branches: x ≥ 0 one Chebyshev series of (1+2x)·erfcx(x) in t = (x-3.75)/(x+3.75), valid to
 * x → ∞ (x > 1e8 uses 1/(x√π)); x < 0 the reflection erfcx(x) = 2·exp(x²) - erfcx(-x) with
 * exp(x²) formed in double-double. Overflows to +Infinity for x < -26.63.
 * Edges: erfcx(+Infinity) = 0, erfcx(-Infinity) = +Infinity, NaN → NaN.
 */
export function erfcx(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) {
    if (x < -26.7) return Number.POSITIVE_INFINITY;
    return 2 * expSquare(x) - erfcx(-x);
  }
  if (x > 1e8) return 1 / (x * SQRT_PI);
  return chebyshev(ERFCX_CHEB, (x - K) / (x + K)) / (1 + 2 * x);
}

/**
 * d/dx erfcx(x) = 2x·erfcx(x) - 2/√π.
 * The two terms cancel for large positive x (by a factor ≈ 2x²), so: x < 0.5 direct form;
 * 0.5 ≤ x < 8 the derivative of the Chebyshev form f(t)/(1+2x),
 *   erfcx'(x) = [f'(t)·t'(x)·(1+2x) - 2f(t)]/(1+2x)²,  t'(x) = 2K/(x+K)²;
 * x ≥ 8 the asymptotic series (2/√π) Σ_{n≥1} (-1)^n (2n-1)!!/(2x²)^n (smallest term < 1e-27).
 */
export function erfcxDeriv(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x >= 8) {
    const h = 1 / (2 * x * x);
    let term = -h;
    let sum = term;
    for (let n = 2; n < 60; n++) {
      term *= -(2 * n - 1) * h;
      sum += term;
      if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
    }
    return TWO_OVER_SQRT_PI * sum;
  }
  if (x >= 0.5) {
    const t = (x - K) / (x + K);
    const u = 1 + 2 * x;
    const dtdx = (2 * K) / ((x + K) * (x + K));
    return (chebyshev(ERFCX_CHEB_D, t) * dtdx * u - 2 * chebyshev(ERFCX_CHEB, t)) / (u * u);
  }
  return 2 * x * erfcx(x) - TWO_OVER_SQRT_PI;
}
