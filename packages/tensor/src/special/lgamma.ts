import { LN_SQRT_2PI } from "./constants.js";
import { stirlingCorrection } from "./stirling.js";
import { sinPi } from "./trigPi.js";

// ζ(k) - 1 for k = 2, 3, ... (computed with mpmath, see fixtures/make_coefficients.py).
const ZETA_MINUS_1: readonly number[] = [
  0.6449340668482264, 0.2020569031595943, 0.08232323371113819, 0.03692775514336993,
  0.01734306198444914, 0.008349277381922827, 0.00407735619794434, 0.0020083928260822143,
  0.0009945751278180853, 0.0004941886041194645, 0.0002460865533080483, 0.00012271334757848915,
  0.00006124813505870483, 0.00003058823630702049, 0.00001528225940865187, 0.000007637197637899763,
  3.81729326499984e-6, 0.000001908212716553939, 9.539620338727962e-7, 4.769329867878064e-7,
  2.38450502727733e-7, 1.1921992596531106e-7, 5.960818905125948e-8, 2.980350351465228e-8,
  1.4901554828365043e-8, 7.45071178983543e-9, 3.725334024788457e-9, 1.862659723513049e-9,
  9.313274324196682e-10, 4.656629065033784e-10, 2.3283118336765053e-10, 1.164155017270052e-10,
  5.820772087902701e-11, 2.9103850444971e-11, 1.4551921891041985e-11, 7.275959835057482e-12,
  3.637979547378651e-12, 1.818989650307066e-12, 9.094947840263888e-13, 4.547473783042154e-13,
];

/**
 * log Γ(2 + z) for |z| ≤ 0.5 from the Taylor series
 *   log Γ(2+z) = (1-γ) z + Σ_{k≥2} (-1)^k (ζ(k)-1) z^k / k     (Abramowitz & Stegun 6.1.33),
 * which converges like (|z|/2)^k, so ≤ 28 terms; relative accuracy is kept at the zero z = 0.
 */
function lgamma2p(z: number): number {
  let sum = 0;
  let zk = -z; // (-z)^k, starting at k = 1
  for (let k = 2; k < ZETA_MINUS_1.length + 2; k++) {
    zk *= -z;
    const term = (ZETA_MINUS_1[k - 2]! * zk) / k;
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
  }
  return z * 0.42278433509846713 + sum;
}

/** log Γ(1+x) for -0.5 ≤ x ≤ 0.5 without forming 1+x (keeps relative accuracy for tiny x). Internal. */
export function lgamma1p(x: number): number {
  return lgamma2p(x) - Math.log1p(x);
}

/**
 * Natural log of the absolute value of the gamma function, log|Γ(x)|.
 *
 * Derivative: d/dx lgamma(x) = digamma(x).
 * Branches: x ≥ 10 Stirling series with 8 Bernoulli terms; 2.5 ≤ x < 10 downward recurrence
 * Γ(x) = (x-1)…(y) Γ(y) onto [1.5, 2.5); x < 2.5 Taylor series of log Γ(2+z) (ζ(k)-1
 * coefficients) so the zeros at x = 1 and x = 2 keep full relative accuracy; x < 0 the
 * reflection log|Γ(x)| = log(π/|sin πx|) - log Γ(1-x).
 * Edges: lgamma(0) = lgamma(-n) = +Infinity, lgamma(+Infinity) = +Infinity, NaN → NaN.
 * Accuracy is relative except close to the zeros of log|Γ| on the negative axis
 * (x ≈ -2.457, -2.747, …), where the reflection formula leaves an absolute error ~1e-16.
 */
export function lgamma(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return x;
  if (x <= 0) {
    if (Number.isInteger(x)) return Number.POSITIVE_INFINITY;
    return Math.log(Math.PI / Math.abs(sinPi(x))) - lgamma(1 - x);
  }
  if (x < 0.5) return lgamma2p(x) - Math.log1p(x) - Math.log(x);
  if (x < 1.5) {
    const z = x - 1;
    return lgamma2p(z) - Math.log1p(z);
  }
  if (x < 2.5) return lgamma2p(x - 2);
  if (x < 10) {
    let y = x;
    let prod = 1;
    while (y >= 2.5) {
      y -= 1;
      prod *= y;
    }
    return lgamma2p(y - 2) + Math.log(prod);
  }
  return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + stirlingCorrection(x);
}
