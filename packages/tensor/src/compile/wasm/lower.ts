/**
 * f64x2 lowerings of the elementwise primitives: each mirrors the primitive's scalar
 * JavaScript `expr` (the reference), lane by lane, including its NaN, ±0 and tie
 * conventions. A primitive without an entry here keeps its loop on the JS path.
 */
import type { Binaryen } from "./binaryen.js";
import { expInline } from "./math/exp.js";
import { expm1Inline } from "./math/expm1.js";
import { logInline } from "./math/log.js";
import { log1pInline } from "./math/log1p.js";
import type { Expr, FnBuilder, InlineUnary, Module } from "./simd.js";

export interface LowerContext {
  readonly b: Binaryen;
  readonly m: Module;
  readonly fn: FnBuilder;
}
type Arg = () => Expr;
type Lowering = (cx: LowerContext, args: readonly Arg[]) => Expr;

/** The math functions are emitted inline: a call would spill every live v128 register. */
const inline =
  (body: InlineUnary) =>
  (cx: LowerContext, x: Expr): Expr =>
    body(cx.fn, cx.fn.let(x));
const exp = inline(expInline);
const log = inline(logInline);
const log1p = inline(log1pInline);
const expm1 = inline(expm1Inline);

/** 1.0 where the comparison mask is set, else 0.0. */
const indicator = (cx: LowerContext, mask: Expr): Expr => cx.m.v128.and(mask, cx.fn.f64(1));

const compare =
  (op: "lt" | "le" | "gt" | "ge" | "eq" | "ne"): Lowering =>
  (cx, [x, y]) =>
    indicator(cx, cx.m.f64x2[op](x(), y()));

/** JS `x > y ? x : y > x ? y : x === y ? x : NaN` (and the mirror for minimum). */
const extremum =
  (op: "ge" | "le"): Lowering =>
  ({ m }, [x, y]) =>
    m.v128.bitselect(x(), m.v128.bitselect(x(), y(), m.f64x2[op](x(), y())), m.f64x2.ne(x(), x()));

export const LOWERINGS: Readonly<Record<string, Lowering>> = {
  identity: (_cx, [x]) => x(),
  neg: ({ m }, [x]) => m.f64x2.neg(x()),
  abs: ({ m }, [x]) => m.f64x2.abs(x()),
  sqrt: ({ m }, [x]) => m.f64x2.sqrt(x()),
  floor: ({ m }, [x]) => m.f64x2.floor(x()),
  ceil: ({ m }, [x]) => m.f64x2.ceil(x()),
  square: ({ m }, [x]) => m.f64x2.mul(x(), x()),
  reciprocal: ({ m, fn }, [x]) => m.f64x2.div(fn.f64(1), x()),
  exp: (cx, [x]) => exp(cx, x()),
  expm1: (cx, [x]) => expm1(cx, x()),
  log: (cx, [x]) => log(cx, x()),
  log1p: (cx, [x]) => log1p(cx, x()),
  logit: (cx, [x]) => log(cx, cx.m.f64x2.div(x(), cx.m.f64x2.sub(cx.fn.f64(1), x()))),
  sigmoid: (cx, [x]) => {
    // x ≥ 0: 1/(1+e^-x); x < 0: e^x/(1+e^x); both with e = exp(-|x|)
    const { m, fn } = cx;
    const e = fn.let(exp(cx, m.f64x2.neg(m.f64x2.abs(x()))));
    const r = fn.let(m.f64x2.div(fn.f64(1), m.f64x2.add(fn.f64(1), e())));
    return m.v128.bitselect(r(), m.f64x2.mul(e(), r()), m.f64x2.ge(x(), fn.f64(0)));
  },
  softplus: (cx, [x]) => {
    const { m, fn } = cx;
    const tail = log1p(cx, exp(cx, m.f64x2.neg(m.f64x2.abs(x()))));
    return m.f64x2.add(m.f64x2.max(x(), fn.f64(0)), tail);
  },
  sign: ({ m, fn }, [x]) => {
    const zeroOrNaN = m.v128.bitselect(fn.f64(0), fn.f64(Number.NaN), m.f64x2.eq(x(), fn.f64(0)));
    const negative = m.v128.bitselect(fn.f64(-1), zeroOrNaN, m.f64x2.lt(x(), fn.f64(0)));
    return m.v128.bitselect(fn.f64(1), negative, m.f64x2.gt(x(), fn.f64(0)));
  },
  add: ({ m }, [x, y]) => m.f64x2.add(x(), y()),
  sub: ({ m }, [x, y]) => m.f64x2.sub(x(), y()),
  mul: ({ m }, [x, y]) => m.f64x2.mul(x(), y()),
  div: ({ m }, [x, y]) => m.f64x2.div(x(), y()),
  maximum: extremum("ge"),
  minimum: extremum("le"),
  logaddexpE: (cx, [x, y]) => {
    const { m, fn } = cx;
    const e = exp(cx, m.f64x2.neg(m.f64x2.abs(m.f64x2.sub(x(), y()))));
    return m.v128.bitselect(fn.f64(1), e, m.f64x2.eq(x(), y()));
  },
  logaddexp: (cx, [x, y, e]) => {
    const m = cx.m;
    return m.f64x2.add(m.v128.bitselect(x(), y(), m.f64x2.gt(x(), y())), log1p(cx, e()));
  },
  less: compare("lt"),
  lessEqual: compare("le"),
  greater: compare("gt"),
  greaterEqual: compare("ge"),
  equal: compare("eq"),
  notEqual: compare("ne"),
  isFinite: (cx, [x]) => indicator(cx, cx.m.f64x2.eq(cx.m.f64x2.sub(x(), x()), cx.fn.f64(0))),
  isNaN: (cx, [x]) => indicator(cx, cx.m.f64x2.ne(x(), x())),
  where: ({ m, fn }, [c, a, b]) => m.v128.bitselect(a(), b(), m.f64x2.ne(c(), fn.f64(0))),
};
