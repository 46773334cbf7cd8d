import { acklamLowerQuantile } from "./acklam.js";
import { SQRT_PI } from "./constants.js";
import { erf } from "./erf.js";
import { erfcx } from "./erfcx.js";
import { expNegSquare, expSquare } from "./expSquare.js";

/** erfinv(y) for |y| ≤ 0.5: series start, then Halley steps on erf(x) - y = 0. */
function erfinvCentral(y: number): number {
  const y2 = y * y;
  let x = 0.5 * SQRT_PI * y * (1 + y2 * (Math.PI / 12 + y2 * ((7 * Math.PI * Math.PI) / 480)));
  for (let i = 0; i < 3; i++) {
    // f = erf(x) - y, f' = (2/√π) e^{-x²}, f''/f' = -2x  ⇒  Halley step u / (1 + x u).
    const u = ((erf(x) - y) * 0.5 * SQRT_PI) / expNegSquare(x);
    x -= u / (1 + x * u);
  }
  return x;
}

/**
 * erfcinv(q) for 0 < q ≤ 0.5 (x ≥ 0.477): Acklam start, then Newton steps on
 * g(x) = log erfc(x) - log q = log erfcx(x) - x² - log q, whose slope is
 * g'(x) = -2/(√π erfcx(x)). Working in log space keeps every step finite and relatively
 * accurate down to the smallest subnormal q.
 */
function erfcinvTail(q: number): number {
  const logQ = Math.log(q);
  let x = -Math.SQRT1_2 * acklamLowerQuantile(0.5 * q, logQ - Math.LN2);
  for (let i = 0; i < 6; i++) {
    const e = erfcx(x);
    const g = Math.log(e) - x * x - logQ;
    const step = 0.5 * SQRT_PI * e * g;
    x += step;
    if (Math.abs(step) < 1e-16 * x) break;
  }
  return x;
}

/**
 * Inverse error function: erf(erfinv(y)) = y for y ∈ (-1, 1).
 *
 * Derivative: d/dy erfinv(y) = (√π/2) exp(erfinv(y)²)  (see `erfinvDeriv`).
 * Branches: |y| ≤ 0.5 Halley iteration on erf from a Maclaurin start (relative accuracy down
 * to subnormal y); |y| > 0.5 solves erfc(x) = 1 - |y| (1 - |y| is exact there) in log space,
 * so accuracy is kept as y → ±1. Edges: erfinv(±1) = ±Infinity, |y| > 1 → NaN, NaN → NaN.
 */
export function erfinv(y: number): number {
  if (Number.isNaN(y) || y < -1 || y > 1) return Number.NaN;
  if (y === 1) return Number.POSITIVE_INFINITY;
  if (y === -1) return Number.NEGATIVE_INFINITY;
  const ay = Math.abs(y);
  if (ay <= 0.5) return erfinvCentral(y);
  const x = erfcinvTail(1 - ay);
  return y > 0 ? x : -x;
}

/**
 * Inverse complementary error function: erfc(erfcinv(q)) = q for q ∈ (0, 2).
 *
 * Derivative: d/dq erfcinv(q) = -(√π/2) exp(erfcinv(q)²).
 * Identities: erfcinv(q) = erfinv(1 - q) = -erfcinv(2 - q).
 * Branches: q ≤ 0.5 log-space Newton on erfc (accurate to subnormal q, e.g. q = 1e-310);
 * q ≥ 1.5 reflection; otherwise erfinv(1 - q) (exact subtraction).
 * Edges: erfcinv(0) = +Infinity, erfcinv(2) = -Infinity, q ∉ [0, 2] → NaN, NaN → NaN.
 */
export function erfcinv(q: number): number {
  if (Number.isNaN(q) || q < 0 || q > 2) return Number.NaN;
  if (q === 0) return Number.POSITIVE_INFINITY;
  if (q === 2) return Number.NEGATIVE_INFINITY;
  if (q <= 0.5) return erfcinvTail(q);
  if (q >= 1.5) return -erfcinvTail(2 - q);
  return erfinvCentral(1 - q);
}

/**
 * d/dy erfinv(y) = (√π/2) exp(erfinv(y)²).
 * For |y| > ½ it is evaluated as (√π/2)·erfcx(|x|)/(1 - |y|) (since exp(-x²) = erfc(x)/erfcx(x)),
 * which avoids the x²-fold amplification of the rounding of x inside exp(x²).
 * Edges: +Infinity at y = ±1, |y| > 1 → NaN.
 */
export function erfinvDeriv(y: number): number {
  if (Number.isNaN(y) || y < -1 || y > 1) return Number.NaN;
  const ay = Math.abs(y);
  if (ay === 1) return Number.POSITIVE_INFINITY;
  const x = erfinv(ay);
  if (ay > 0.5) return (0.5 * SQRT_PI * erfcx(x)) / (1 - ay);
  return 0.5 * SQRT_PI * expSquare(x);
}
