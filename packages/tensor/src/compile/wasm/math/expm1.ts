/**
 * Vectorised float64 expm1 (two lanes). For |x| < ln 2 the Taylor polynomial of
 * expm1 to degree 17 is used directly (remainder < 2^-61 relative), as
 * x + x²·q(x). Elsewhere x = k·ln 2 + r (|r| ≤ ln(2)/2, with the rounding error of r
 * carried as c, as fdlibm's s_expm1.c does) and expm1(x) = 2^k·(e − (2^-k − 1)) with
 * e = expm1(r): for k ≥ 1 and r ≥ −ln(2)/2 the subtraction cannot cancel badly, and
 * 2^-k − 1 is exact for the k where it matters. Inputs are clamped to [−40, 710]
 * (below −40, expm1 rounds to −1; above 709.78 it overflows). |x| < 2^-54 returns x.
 */
import type { Binaryen } from "../binaryen.js";
import {
  addUnaryF64x2,
  type Expr,
  f64x2,
  floatToInt,
  horner,
  i64x2,
  inverseFactorials,
  LN2_HI,
  LN2_LO,
  type Module,
  pow2,
  scaleBy2k,
} from "../simd.js";

export function addExpm1(b: Binaryen, m: Module): string {
  return addUnaryF64x2(b, m, "expm1_f64x2", (fn, x0) => {
    const x = fn.let(m.f64x2.min(m.f64x2.max(x0(), f64x2(m, -40)), f64x2(m, 710)));
    const near = m.f64x2.lt(m.f64x2.abs(x()), f64x2(m, Math.LN2));
    const k = fn.let(m.v128.andnot(m.f64x2.nearest(m.f64x2.mul(x(), f64x2(m, Math.LOG2E))), near));
    const hi = fn.let(m.f64x2.sub(x(), m.f64x2.mul(k(), f64x2(m, LN2_HI))));
    const lo = fn.let(m.f64x2.mul(k(), f64x2(m, LN2_LO)));
    const r = fn.let(m.f64x2.sub(hi(), lo()));
    const c = fn.let(m.f64x2.sub(m.f64x2.sub(hi(), r()), lo()));
    const q = horner(m, r, inverseFactorials(2, 17));
    const e0 = fn.let(m.f64x2.add(r(), m.f64x2.mul(m.f64x2.mul(r(), r()), q)));
    // expm1(r + c) ≈ e0 + c·(1 + e0)
    const e = fn.let(m.f64x2.add(e0(), m.f64x2.add(c(), m.f64x2.mul(c(), e0()))));
    const ki = fn.let(floatToInt(m, k()));
    // 2^-k − 1, with k capped at 1000 (beyond, 2^-k is far below an ulp of e + 1)
    const negK = fn.let(m.i64x2.sub(i64x2(m, 0n), ki()));
    const capped = m.v128.bitselect(
      i64x2(m, -1000n),
      negK(),
      m.i64x2.lt_s(negK(), i64x2(m, -1000n)),
    );
    const tm1 = m.f64x2.sub(pow2(m, capped), f64x2(m, 1));
    let y: Expr = scaleBy2k(fn, m.f64x2.sub(e(), tm1), ki);
    const passThrough = m.v128.or(
      m.f64x2.lt(m.f64x2.abs(x0()), f64x2(m, 2 ** -54)),
      m.f64x2.ne(x0(), x0()),
    );
    y = m.v128.bitselect(x0(), y, passThrough);
    return y;
  });
}
