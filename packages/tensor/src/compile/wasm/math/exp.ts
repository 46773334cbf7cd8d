/**
 * Vectorised float64 exp (two lanes). exp(x) = 2^k · exp(r) with k = round(x / ln 2)
 * and r = x − k·ln 2 (ln 2 in two parts, so r is accurate), |r| ≤ ln(2)/2; exp(r) is
 * 1 + r + r²·g(r) with g a degree-10 near-minimax polynomial (Chebyshev fit, error
 * below 2^-62 after the factor r²; coefficients from scripts/wasm-math-coefficients.py).
 *
 * k is rounded by adding 1.5·2^52, which leaves k in the low bits of the sum, so 2^k
 * is that sum's bit pattern plus 1023, shifted into the exponent field. That is valid
 * while |x| < 708 (2^k normal); lanes beyond (overflow, underflow to subnormals or 0,
 * ±Infinity) take a second path, entered only when a pair has such a lane: x clamped to
 * [−746, 710] and 2^k applied in two factors.
 */
import {
  type Expr,
  estrin,
  type FnBuilder,
  floatToInt,
  type InlineUnary,
  LN2_HI,
  LN2_LO,
  MAGIC_ROUND,
  scaleBy2k,
} from "../simd.js";

/** g(r) = (e^r − 1 − r)/r², lowest degree first. */
const G = [
  0.5, 0.1666666666666667, 0.04166666666666667, 0.008333333333326141, 0.0013888888888883752,
  0.00019841269874800493, 2.4801587325533363e-5, 2.7557255425746435e-6, 2.7557273661348637e-7,
  2.5105206373957107e-8, 2.0914679376584005e-9,
];

/** exp(r) for |r| ≤ ln(2)/2 + rounding. */
function expReduced(fn: FnBuilder, r: () => Expr): Expr {
  const m = fn.m;
  return m.f64x2.add(
    fn.f64(1),
    m.f64x2.add(r(), m.f64x2.mul(m.f64x2.mul(r(), r()), estrin(fn, r, G))),
  );
}

/** r = x − k·ln 2 in two steps (k·LN2_HI is exact). */
function reduce(fn: FnBuilder, x: () => Expr, k: () => Expr): () => Expr {
  const m = fn.m;
  return fn.let(
    m.f64x2.sub(
      m.f64x2.sub(x(), m.f64x2.mul(k(), fn.f64(LN2_HI))),
      m.f64x2.mul(k(), fn.f64(LN2_LO)),
    ),
  );
}

export const expInline: InlineUnary = (fn, x) => {
  const m = fn.m;
  const t = fn.let(m.f64x2.add(m.f64x2.mul(x(), fn.f64(Math.LOG2E)), fn.f64(MAGIC_ROUND)));
  const k = fn.let(m.f64x2.sub(t(), fn.f64(MAGIC_ROUND)));
  const r = reduce(fn, x, k);
  const scale = m.i64x2.shl(m.i64x2.add(t(), fn.i64(1023n)), m.i32.const(52));
  const y = fn.variable(m.f64x2.mul(expReduced(fn, r), scale));
  // the wide path, for pairs with a lane outside (−708, 708); NaN stays on the fast one
  const wide = m.v128.any_true(m.f64x2.ge(m.f64x2.abs(x()), fn.f64(708)));
  const slow = fn.collect(() => {
    const xc = fn.let(m.f64x2.pmin(m.f64x2.pmax(x(), fn.f64(-746)), fn.f64(710)));
    const kc = fn.let(m.f64x2.nearest(m.f64x2.mul(xc(), fn.f64(Math.LOG2E))));
    const rc = reduce(fn, xc, kc);
    const ki = fn.let(floatToInt(fn, kc()));
    fn.stmts.push(m.local.set(y.index, scaleBy2k(fn, expReduced(fn, rc), ki)));
  });
  fn.stmts.push(m.if(wide, m.block(null, slow)));
  return y.get();
};
