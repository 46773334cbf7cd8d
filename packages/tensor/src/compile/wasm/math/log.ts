/**
 * Vectorised float64 natural logarithm (two lanes), after the reduction of fdlibm's
 * e_log.c (the algorithm, not its code): x = 2^e · m with m in [√2/2, √2), f = m − 1,
 * s = f/(2+f), and log(1+f) = f − (f²/2 − s·(f²/2 + R)) with
 * R = s²·h(s²) the tail of the atanh series 2s + 2s³/3 + ... (divided by s).
 * `logReduced` is shared with log1p, which passes the correction of 1+x.
 */
import {
  bitsOf,
  type Expr,
  estrin,
  type FnBuilder,
  type InlineUnary,
  intToFloat,
  LN2_HI,
  LN2_LO,
} from "../simd.js";

/** Bit pattern just below √2/2: subtracting it makes the exponent field round m into [√2/2, √2). */
export const SQRT_HALF_BITS = bitsOf(Math.SQRT1_2);

/**
 * h(z) = (2·atanh(√z)/√z − 2)/z = 2/3 + 2z/5 + ..., degree-6 near-minimax fit on
 * z = s² ≤ (3 − 2√2)² (error 3e-16 in h, below 2^-57 relative in the logarithm after the
 * factor s·z), from scripts/wasm-math-coefficients.py.
 */
const R_COEFFS = [
  0.666666666666667, 0.39999999999899505, 0.28571428625975487, 0.2222221113479508,
  0.18182889125261725, 0.15331721600555942, 0.1461644968504464,
];

/** Splits positive normal lanes `x` into integer exponent lanes e and m = x/2^e in [√2/2, √2). */
export function splitExponent(fn: FnBuilder, x: () => Expr): { e: () => Expr; m: () => Expr } {
  const m = fn.m;
  // biased by 1023 so that the shift can be logical (x64 has no 64-bit arithmetic shift
  // before AVX-512, so i64x2.shr_s is emulated)
  const biased = m.i64x2.shr_u(
    m.i64x2.add(x(), fn.i64((1023n << 52n) - SQRT_HALF_BITS)),
    m.i32.const(52),
  );
  const e = fn.let(m.i64x2.sub(biased, fn.i64(1023n)));
  const mant = fn.let(m.i64x2.sub(x(), m.i64x2.shl(e(), m.i32.const(52))));
  return { e, m: mant };
}

/**
 * k·ln2 + log(1+f) + c for float lanes k, f = m − 1 with m in [√2/2, √2), s = f/(2+f)
 * and a small correction c (0 for log). s enters only the term s·(f²/2 + R), of order
 * f³, so an error of an ulp or two in s (log1p computes it without its own division)
 * changes the result by far less than an ulp.
 */
export function logReduced(
  fn: FnBuilder,
  k: () => Expr,
  f: () => Expr,
  s: () => Expr,
  c: Expr,
): Expr {
  const m = fn.m;
  const z = fn.let(m.f64x2.mul(s(), s()));
  const R = m.f64x2.mul(z(), estrin(fn, z, R_COEFFS));
  const hfsq = fn.let(m.f64x2.mul(fn.f64(0.5), m.f64x2.mul(f(), f())));
  const inner = m.f64x2.add(
    m.f64x2.mul(s(), m.f64x2.add(hfsq(), R)),
    m.f64x2.add(m.f64x2.mul(k(), fn.f64(LN2_LO)), c),
  );
  return m.f64x2.sub(
    m.f64x2.mul(k(), fn.f64(LN2_HI)),
    m.f64x2.sub(m.f64x2.sub(hfsq(), inner), f()),
  );
}

export const logInline: InlineUnary = (fn, x) => {
  const m = fn.m;
  // subnormals: scale by 2^54 into the normal range and take 54 off the exponent
  const sub = fn.let(m.f64x2.lt(x(), fn.f64(2 ** -1022)));
  const xs = fn.let(m.v128.bitselect(m.f64x2.mul(x(), fn.f64(2 ** 54)), x(), sub()));
  const { e, m: mant } = splitExponent(fn, xs);
  const k = fn.let(intToFloat(fn, m.i64x2.sub(e(), m.v128.and(sub(), fn.i64(54n)))));
  const f = fn.let(m.f64x2.sub(mant(), fn.f64(1)));
  const s = fn.let(m.f64x2.div(f(), m.f64x2.add(fn.f64(2), f())));
  let y: Expr = logReduced(fn, k, f, s, fn.f64(0));
  // log(0) = -Infinity, log(x < 0) = NaN, log(+Infinity) = +Infinity, log(NaN) = NaN
  y = m.v128.bitselect(fn.f64(-Infinity), y, m.f64x2.eq(x(), fn.f64(0)));
  y = m.v128.bitselect(fn.f64(Number.NaN), y, m.f64x2.lt(x(), fn.f64(0)));
  const passThrough = m.v128.or(m.f64x2.eq(x(), fn.f64(Infinity)), m.f64x2.ne(x(), x()));
  return m.v128.bitselect(x(), y, passThrough);
};
