/**
 * Vectorised float64 exp (two lanes). exp(x) = 2^k · exp(r) with k = round(x / ln 2)
 * and r = x − k·ln 2 (ln 2 in two parts, so r is accurate), |r| ≤ ln(2)/2; exp(r) is its
 * Taylor polynomial to degree 13 (the remainder r^14/14! < 2^-60), evaluated as
 * 1 + (r + r²·q(r)) so that the final rounding dominates the error. Inputs are clamped
 * to [-746, 710] first: beyond, the result is 0 or +Infinity anyway, and the clamp
 * keeps k in the range `scaleBy2k` handles. NaN propagates through min/max.
 */
import type { Binaryen } from "../binaryen.js";
import {
  addUnaryF64x2,
  type Expr,
  f64x2,
  floatToInt,
  horner,
  inverseFactorials,
  LN2_HI,
  LN2_LO,
  type Module,
  scaleBy2k,
} from "../simd.js";

export function addExp(b: Binaryen, m: Module): string {
  return addUnaryF64x2(b, m, "exp_f64x2", (fn, x0) => {
    const x = fn.let(m.f64x2.min(m.f64x2.max(x0(), f64x2(m, -746)), f64x2(m, 710)));
    const k = fn.let(m.f64x2.nearest(m.f64x2.mul(x(), f64x2(m, Math.LOG2E))));
    const r = fn.let(
      m.f64x2.sub(
        m.f64x2.sub(x(), m.f64x2.mul(k(), f64x2(m, LN2_HI))),
        m.f64x2.mul(k(), f64x2(m, LN2_LO)),
      ),
    );
    const q = horner(m, r, inverseFactorials(2, 13));
    const p: Expr = m.f64x2.add(
      f64x2(m, 1),
      m.f64x2.add(r(), m.f64x2.mul(m.f64x2.mul(r(), r()), q)),
    );
    const ki = fn.let(floatToInt(m, k()));
    return scaleBy2k(fn, p, ki);
  });
}
