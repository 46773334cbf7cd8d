import { LN_SQRT_2PI } from "./constants.js";
import { digamma } from "./digamma.js";
import { lgamma } from "./lgamma.js";
import { stirlingCorrection } from "./stirling.js";

/**
 * log|B(a, b)| = lgamma(a) + lgamma(b) - lgamma(a + b).
 *
 * Derivatives: ∂/∂a = ψ(a) - ψ(a+b), ∂/∂b = ψ(b) - ψ(a+b)  (see `betalnDerivA/B`).
 * Branches (a ≤ b after swapping): both ≥ 10: Stirling form
 *   ½log 2π - ½log s + (a-½)log(a/s) + (b-½)log1p(-a/s) + corr(a) + corr(b) - corr(s),  s = a+b,
 * which never forms the huge cancelling lgamma values (betaln(1e5, 1e5) keeps full accuracy);
 * a < 10 ≤ b: lgamma(a) - (b-½)log1p(a/b) - a log s + a + corr(b) - corr(s);
 * both < 10 (or either ≤ 0): the lgamma sum, whose error is absolute near the curve B = 1.
 * Edges: betaln(0, b) = +Infinity, NaN → NaN.
 */
export function betaln(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.NaN;
  if (a > b) {
    const t = a;
    a = b;
    b = t;
  }
  if (a <= 0 || b < 10) return lgamma(a) + lgamma(b) - lgamma(a + b);
  if (b === Number.POSITIVE_INFINITY) return Number.NEGATIVE_INFINITY;
  const s = a + b;
  const corrB = stirlingCorrection(b) - stirlingCorrection(s);
  if (a < 10) {
    return lgamma(a) - (b - 0.5) * Math.log1p(a / b) - a * Math.log(s) + a + corrB;
  }
  return (
    LN_SQRT_2PI -
    0.5 * Math.log(s) +
    (a - 0.5) * Math.log(a / s) +
    (b - 0.5) * Math.log1p(-a / s) +
    stirlingCorrection(a) +
    corrB
  );
}

// B_{2k}/(2k), k = 1..8: coefficients of the digamma asymptotic series.
const DIGAMMA_ASYMPTOTIC: readonly number[] = [
  1 / 12,
  -1 / 120,
  1 / 252,
  -1 / 240,
  1 / 132,
  -691 / 32760,
  1 / 12,
  -3617 / 8160,
];

/**
 * ψ(a) - ψ(a + b) for a, b > 0 without cancellation when b ≪ a: shift a up to ≥ 10 with
 * ψ(a) - ψ(a+b) = ψ(a+1) - ψ(a+b+1) - b/(a(a+b)), then difference the asymptotic series term
 * by term: log(a/s) = -log1p(b/a), 1/(2s) - 1/(2a) = -b/(2as),
 * a^{-2k} - s^{-2k} = -a^{-2k} expm1(-2k log1p(b/a)).
 */
function digammaDifference(a: number, b: number): number {
  if (!(a > 0 && b > 0) || !Number.isFinite(a) || !Number.isFinite(b)) {
    return digamma(a) - digamma(a + b);
  }
  let acc = 0;
  while (a < 10) {
    acc -= b / (a * (a + b));
    a += 1;
  }
  const l = Math.log1p(b / a);
  const r2 = 1 / (a * a);
  let pow = 1;
  let series = 0;
  for (let k = 1; k <= DIGAMMA_ASYMPTOTIC.length; k++) {
    pow *= r2;
    series -= DIGAMMA_ASYMPTOTIC[k - 1]! * pow * -Math.expm1(-2 * k * l);
  }
  return acc - l - b / (2 * a * (a + b)) + series;
}

/** ∂/∂a betaln(a, b) = ψ(a) - ψ(a+b), evaluated without cancellation for a, b > 0. */
export function betalnDerivA(a: number, b: number): number {
  return digammaDifference(a, b);
}

/** ∂/∂b betaln(a, b) = ψ(b) - ψ(a+b), evaluated without cancellation for a, b > 0. */
export function betalnDerivB(a: number, b: number): number {
  return digammaDifference(b, a);
}
