import { gammaPrefactor, logGammaPrefactor } from "./gammaincPrefactor.js";
import { lgamma, lgamma1p } from "./lgamma.js";

const EPS = 1e-16;
const TINY = 1e-300;
const MAX_ITER = 100000;

/** Σ_{n≥0} x^n / ((a+1)…(a+n)), so that P(a,x) = x^a e^{-x}/Γ(a+1) · series (x < a+1). */
function lowerSeries(a: number, x: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 1; n < MAX_ITER; n++) {
    term *= x / (a + n);
    sum += term;
    if (term < EPS * sum) break;
  }
  return sum;
}

/** Continued fraction for Γ(a,x) e^x x^{-a} by modified Lentz (x ≥ a+1). */
function upperFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}

/**
 * Q(a,x) for a < 1 and x < a+1 without forming 1 - P:
 *   Q = -expm1(a log x - log Γ(1+a)) - x^a/Γ(1+a) · Σ_{n≥1} (-1)^n a x^n / (n!(a+n)),
 * from the term-wise integrated series of γ(a,x) (both parts are O(a), nothing cancels).
 */
function upperSmallA(a: number, x: number): number {
  const logPow = a * Math.log(x) - lgamma1p(a);
  let term = 1;
  let sum = 0;
  for (let n = 1; n < 200; n++) {
    term *= -x / n;
    const t = term / (a + n);
    sum += t;
    if (Math.abs(t) < EPS * Math.abs(sum)) break;
  }
  return -Math.expm1(logPow) - Math.exp(logPow) * a * sum;
}

/**
 * Regularised lower incomplete gamma P(a,x) = γ(a,x)/Γ(a), a > 0, x ≥ 0.
 *
 * Derivatives: ∂P/∂x = x^{a-1}e^{-x}/Γ(a)  (`gammaincRegDerivX`); ∂P/∂a see `gammaincRegDerivA`.
 * Identity: P + Q = 1.
 * Branches: x < a+1 power series Σ x^n/((a+1)…(a+n)); otherwise 1 - Q with Q from the
 * Legendre continued fraction (modified Lentz). The prefactor x^a e^{-x}/Γ(a) is formed in
 * log space with a log1p-based form for a ≥ 10. Iterations grow like √a (fine to a ~ 1e8).
 * Edges: P(a, 0) = 0, P(a, +Infinity) = 1, P(0, x>0) = 1, a < 0 or x < 0 → NaN, NaN → NaN.
 */
export function gammaincReg(a: number, x: number): number {
  if (Number.isNaN(a) || Number.isNaN(x) || a < 0 || x < 0) return Number.NaN;
  if (a === 0) return x > 0 ? 1 : Number.NaN;
  if (x === 0) return 0;
  if (x === Number.POSITIVE_INFINITY) return 1;
  if (a === Number.POSITIVE_INFINITY) return 0;
  if (x < a + 1) return (gammaPrefactor(a, x) / a) * lowerSeries(a, x);
  return 1 - gammaPrefactor(a, x) * upperFraction(a, x);
}

/**
 * Regularised upper incomplete gamma Q(a,x) = Γ(a,x)/Γ(a) = 1 - P(a,x).
 *
 * Derivative: ∂Q/∂x = -x^{a-1}e^{-x}/Γ(a).
 * Branches: x ≥ a+1 continued fraction (relatively accurate far into the tail);
 * x < a+1, a < 1 a direct O(a) series (see source); x < a+1, a ≥ 1: 1 - P (Q ≥ 0.13 there).
 * Edges: Q(a, 0) = 1, Q(a, +Infinity) = 0, Q(0, x>0) = 0, a < 0 or x < 0 → NaN, NaN → NaN.
 */
export function gammaincCReg(a: number, x: number): number {
  if (Number.isNaN(a) || Number.isNaN(x) || a < 0 || x < 0) return Number.NaN;
  if (a === 0) return x > 0 ? 0 : Number.NaN;
  if (x === 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  if (a === Number.POSITIVE_INFINITY) return 1;
  if (x >= a + 1) return gammaPrefactor(a, x) * upperFraction(a, x);
  if (a < 1) return upperSmallA(a, x);
  return 1 - (gammaPrefactor(a, x) / a) * lowerSeries(a, x);
}

/**
 * log(x^a e^{-x}/Γ(a)) for the log-space functions below: for x < a/4 the direct form
 * (a·log(a/x) ≳ 0.4a, so little cancels with lgamma a), where the shared form's
 * log1p((x − a)/a) would lose the digits of x/a (and give −Infinity once x/a < 2⁻⁵³).
 */
function logPrefactor(a: number, x: number): number {
  return x < 0.25 * a ? a * Math.log(x) - x - lgamma(a) : logGammaPrefactor(a, x);
}

/**
 * log P(a,x), finite wherever P(a,x) > 0 even when P underflows (x → 0: the series branch
 * is summed in log space, log P = log(x^a e^{-x}/Γ(a)) − log a + log Σ, with the prefactor
 * from `logGammaPrefactor`); for x ≥ a+1, log1p(−Q) (P ≥ 1/2 there, nothing cancels).
 * Edges as `gammaincReg`, with log 0 = −Infinity.
 */
export function logGammaincReg(a: number, x: number): number {
  if (Number.isNaN(a) || Number.isNaN(x) || a < 0 || x < 0) return Number.NaN;
  if (a === 0) return x > 0 ? 0 : Number.NaN;
  if (x === 0 || a === Number.POSITIVE_INFINITY) return Number.NEGATIVE_INFINITY;
  if (x === Number.POSITIVE_INFINITY) return 0;
  if (x < a + 1) return logPrefactor(a, x) - Math.log(a) + Math.log(lowerSeries(a, x));
  return Math.log1p(-gammaPrefactor(a, x) * upperFraction(a, x));
}

/**
 * log Q(a,x), finite wherever Q(a,x) > 0 even when Q underflows (x ≥ a+1: log of the
 * prefactor plus log of the continued fraction, so x ~ 1e300 gives ≈ −x); for x < a+1,
 * log1p(−P) (keeps a tiny P's digits), or the log of the O(a) series when a < 1 and P > 1/2.
 * Edges as `gammaincCReg`, with log 0 = −Infinity.
 */
export function logGammaincCReg(a: number, x: number): number {
  if (Number.isNaN(a) || Number.isNaN(x) || a < 0 || x < 0) return Number.NaN;
  if (a === 0) return x > 0 ? Number.NEGATIVE_INFINITY : Number.NaN;
  if (x === 0 || a === Number.POSITIVE_INFINITY) return 0;
  if (x === Number.POSITIVE_INFINITY) return Number.NEGATIVE_INFINITY;
  if (x >= a + 1) return logGammaPrefactor(a, x) + Math.log(upperFraction(a, x));
  const p = (Math.exp(logPrefactor(a, x)) / a) * lowerSeries(a, x);
  // log1p(−P) keeps a tiny P's digits; for a < 1 with P > 1/2 the O(a) series avoids 1 − P.
  return a < 1 && p > 0.5 ? Math.log(upperSmallA(a, x)) : Math.log1p(-p);
}
