/**
 * Vectorised float64 exp (two lanes). exp(x) = 2^k · exp(r) with k = round(x / ln 2)
 * and r = x − k·ln 2 (ln 2 in two parts, so r is accurate), |r| ≤ ln(2)/2; exp(r) is its
 * Taylor polynomial to degree 13 (the remainder r^14/14! < 2^-60), evaluated as
 * 1 + (r + r²·q(r)) so that the final rounding dominates the error. Inputs are clamped
 * to [-746, 710] first: beyond, the result is 0 or +Infinity anyway, and the clamp
 * keeps k in the range `scaleBy2k` handles. NaN propagates through min/max.
 */
import {
  type Expr,
  floatToInt,
  horner,
  type InlineUnary,
  inverseFactorials,
  LN2_HI,
  LN2_LO,
  scaleBy2k,
} from "../simd.js";

export const expInline: InlineUnary = (fn, x0) => {
  const m = fn.m;
  const x = fn.let(m.f64x2.min(m.f64x2.max(x0(), fn.f64(-746)), fn.f64(710)));
  const k = fn.let(m.f64x2.nearest(m.f64x2.mul(x(), fn.f64(Math.LOG2E))));
  const r = fn.let(
    m.f64x2.sub(
      m.f64x2.sub(x(), m.f64x2.mul(k(), fn.f64(LN2_HI))),
      m.f64x2.mul(k(), fn.f64(LN2_LO)),
    ),
  );
  const q = horner(fn, r, inverseFactorials(2, 13));
  const p: Expr = m.f64x2.add(fn.f64(1), m.f64x2.add(r(), m.f64x2.mul(m.f64x2.mul(r(), r()), q)));
  const ki = fn.let(floatToInt(fn, k()));
  return scaleBy2k(fn, p, ki);
};
