/**
 * Vectorised float64 log1p (two lanes), after fdlibm's s_log1p.c reduction: u = 1 + x
 * is split as 2^k · m (m in [√2/2, √2)) and the rounding error of 1 + x is carried as
 * c/u with c = x − (u − 1), which is exact (u − 1 is exact below 2^53, and then close
 * enough to x for Sterbenz); it is dropped for k ≥ 54, where it is below an ulp. Where
 * k = 0 the reduction is skipped (f = x exactly, c = 0). The kernel is log's.
 * |x| < 2^-54 returns x (keeps −0 and subnormals exact).
 */
import { type Expr, type InlineUnary, intToFloat } from "../simd.js";
import { logReduced, splitExponent } from "./log.js";

export const log1pInline: InlineUnary = (fn, x) => {
  const m = fn.m;
  const one = () => fn.f64(1);
  const u = fn.let(m.f64x2.add(one(), x()));
  const { e, m: mant } = splitExponent(fn, u);
  const k0 = fn.let(m.i64x2.eq(e(), fn.i64(0n)));
  const k = fn.let(intToFloat(fn, e()));
  const f = fn.let(m.v128.bitselect(x(), m.f64x2.sub(mant(), one()), k0()));
  const s = fn.let(m.f64x2.div(f(), m.f64x2.add(fn.f64(2), f())));
  // kept where 0 < k < 54 (from k = 54 on, c/u is below an ulp of the result)
  const keep = m.v128.andnot(m.i64x2.lt_s(e(), fn.i64(54n)), k0());
  const c = m.v128.and(m.f64x2.div(m.f64x2.sub(x(), m.f64x2.sub(u(), one())), u()), keep);
  let y: Expr = logReduced(fn, k, f, s, c);
  // log1p(-1) = -Infinity, log1p(x < -1) = NaN, +Infinity and NaN pass through
  y = m.v128.bitselect(fn.f64(-Infinity), y, m.f64x2.eq(x(), fn.f64(-1)));
  y = m.v128.bitselect(fn.f64(Number.NaN), y, m.f64x2.lt(x(), fn.f64(-1)));
  const passThrough = m.v128.or(
    m.v128.or(m.f64x2.eq(x(), fn.f64(Infinity)), m.f64x2.ne(x(), x())),
    m.f64x2.lt(m.f64x2.abs(x()), fn.f64(2 ** -54)),
  );
  return m.v128.bitselect(x(), y, passThrough);
};
