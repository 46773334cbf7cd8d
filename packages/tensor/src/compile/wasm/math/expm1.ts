/**
 * Vectorised float64 expm1 (two lanes). For |x| < ln 2 the Taylor polynomial of
 * expm1 to degree 17 is used directly (remainder < 2^-61 relative), as
 * x + x²·q(x). Elsewhere x = k·ln 2 + r (|r| ≤ ln(2)/2, with the rounding error of r
 * carried as c, as fdlibm's s_expm1.c does) and expm1(x) = 2^k·(e − (2^-k − 1)) with
 * e = expm1(r): for k ≥ 1 and r ≥ −ln(2)/2 the subtraction cannot cancel badly, and
 * 2^-k − 1 is exact for the k where it matters. Inputs are clamped to [−40, 710]
 * (below −40, expm1 rounds to −1; above 709.78 it overflows). |x| < 2^-54 returns x.
 */
import {
  type Expr,
  floatToInt,
  horner,
  type InlineUnary,
  inverseFactorials,
  LN2_HI,
  LN2_LO,
  pow2,
  scaleBy2k,
} from "../simd.js";

export const expm1Inline: InlineUnary = (fn, x0) => {
  const m = fn.m;
  const x = fn.let(m.f64x2.min(m.f64x2.max(x0(), fn.f64(-40)), fn.f64(710)));
  const near = m.f64x2.lt(m.f64x2.abs(x()), fn.f64(Math.LN2));
  const k = fn.let(m.v128.andnot(m.f64x2.nearest(m.f64x2.mul(x(), fn.f64(Math.LOG2E))), near));
  const hi = fn.let(m.f64x2.sub(x(), m.f64x2.mul(k(), fn.f64(LN2_HI))));
  const lo = fn.let(m.f64x2.mul(k(), fn.f64(LN2_LO)));
  const r = fn.let(m.f64x2.sub(hi(), lo()));
  const c = fn.let(m.f64x2.sub(m.f64x2.sub(hi(), r()), lo()));
  const q = horner(fn, r, inverseFactorials(2, 17));
  const e0 = fn.let(m.f64x2.add(r(), m.f64x2.mul(m.f64x2.mul(r(), r()), q)));
  // expm1(r + c) ≈ e0 + c·(1 + e0)
  const e = fn.let(m.f64x2.add(e0(), m.f64x2.add(c(), m.f64x2.mul(c(), e0()))));
  const ki = fn.let(floatToInt(fn, k()));
  // 2^-k − 1, with k capped at 1000 (beyond, 2^-k is far below an ulp of e + 1)
  const negK = fn.let(m.i64x2.sub(fn.i64(0n), ki()));
  const capped = m.v128.bitselect(fn.i64(-1000n), negK(), m.i64x2.lt_s(negK(), fn.i64(-1000n)));
  const tm1 = m.f64x2.sub(pow2(fn, capped), fn.f64(1));
  let y: Expr = scaleBy2k(fn, m.f64x2.sub(e(), tm1), ki);
  const passThrough = m.v128.or(
    m.f64x2.lt(m.f64x2.abs(x0()), fn.f64(2 ** -54)),
    m.f64x2.ne(x0(), x0()),
  );
  y = m.v128.bitselect(x0(), y, passThrough);
  return y;
};
