/**
 * Elementwise arithmetic and elementary functions, with NumPy broadcasting.
 * Each op is one primitive: a scalar expression (eager loop + compile fusion) and a
 * VJP written with ops. Non-differentiable ops (floor, ceil, sign, comparisons) have
 * zero gradient.
 */
import { apply } from "../core/apply.js";
import { toTensor } from "../core/create.js";
import { defineElementwise } from "../core/define.js";
import { registerScalar } from "../core/scalar-env.js";
import type { Tensor, TensorLike } from "../core/tensor.js";
import { xlog1py as xlog1pyScalar, xlogy as xlogyScalar } from "../special/xlogy.js";

// ---- scalar helpers used by expressions (stable branches) ----
/** 1/(1+e^-x) without overflow. */
function sigmoidScalar(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}
/** log(1+e^x) = max(x,0) + log1p(e^-|x|). */
function softplusScalar(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}
function signScalar(x: number): number {
  return x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : Number.NaN;
}
registerScalar("sigmoid", sigmoidScalar);
registerScalar("softplus", softplusScalar);
registerScalar("sign", signScalar);
registerScalar("xlogy", xlogyScalar);
registerScalar("xlog1py", xlog1pyScalar);

const u = (x: TensorLike) => toTensor(x);

// ---- primitives ----
export const NEG = defineElementwise({
  name: "neg",
  arity: 1,
  expr: (x) => `(-${x})`,
  vjp: (g) => [neg(g)],
});
export const EXP = defineElementwise({
  name: "exp",
  arity: 1,
  expr: (x) => `Math.exp(${x})`,
  vjp: (g, _i, y) => [mul(g, y)],
});
export const EXPM1 = defineElementwise({
  name: "expm1",
  arity: 1,
  expr: (x) => `Math.expm1(${x})`,
  vjp: (g, _i, y) => [mul(g, add(y, 1))],
});
export const LOG = defineElementwise({
  name: "log",
  arity: 1,
  expr: (x) => `Math.log(${x})`,
  vjp: (g, [x]) => [div(g, x)],
});
export const LOG1P = defineElementwise({
  name: "log1p",
  arity: 1,
  expr: (x) => `Math.log1p(${x})`,
  vjp: (g, [x]) => [div(g, add(x, 1))],
});
export const LOG10 = defineElementwise({
  name: "log10",
  arity: 1,
  expr: (x) => `Math.log10(${x})`,
  vjp: (g, [x]) => [div(g, mul(x, Math.LN10))],
});
export const LOG2 = defineElementwise({
  name: "log2",
  arity: 1,
  expr: (x) => `Math.log2(${x})`,
  vjp: (g, [x]) => [div(g, mul(x, Math.LN2))],
});
export const SQRT = defineElementwise({
  name: "sqrt",
  arity: 1,
  expr: (x) => `Math.sqrt(${x})`,
  vjp: (g, _i, y) => [div(mul(g, 0.5), y)],
});
export const SQUARE = defineElementwise({
  name: "square",
  arity: 1,
  expr: (x) => `(${x} * ${x})`,
  vjp: (g, [x]) => [mul(g, mul(x, 2))],
});
export const RECIPROCAL = defineElementwise({
  name: "reciprocal",
  arity: 1,
  expr: (x) => `(1 / ${x})`,
  vjp: (g, _i, y) => [neg(mul(g, square(y)))],
});
export const ABS = defineElementwise({
  name: "abs",
  arity: 1,
  expr: (x) => `Math.abs(${x})`,
  vjp: (g, [x]) => [mul(g, sign(x))],
});
export const SIGN = defineElementwise({
  name: "sign",
  arity: 1,
  expr: (x) => `S.sign(${x})`,
  nondifferentiable: true,
});
export const FLOOR = defineElementwise({
  name: "floor",
  arity: 1,
  expr: (x) => `Math.floor(${x})`,
  nondifferentiable: true,
});
export const CEIL = defineElementwise({
  name: "ceil",
  arity: 1,
  expr: (x) => `Math.ceil(${x})`,
  nondifferentiable: true,
});
export const ROUND = defineElementwise({
  name: "round",
  arity: 1,
  expr: (x) => `Math.round(${x})`,
  nondifferentiable: true,
});
export const SIN = defineElementwise({
  name: "sin",
  arity: 1,
  expr: (x) => `Math.sin(${x})`,
  vjp: (g, [x]) => [mul(g, cos(x))],
});
export const COS = defineElementwise({
  name: "cos",
  arity: 1,
  expr: (x) => `Math.cos(${x})`,
  vjp: (g, [x]) => [neg(mul(g, sin(x)))],
});
export const TAN = defineElementwise({
  name: "tan",
  arity: 1,
  expr: (x) => `Math.tan(${x})`,
  vjp: (g, _i, y) => [mul(g, add(square(y), 1))],
});
export const ASIN = defineElementwise({
  name: "asin",
  arity: 1,
  expr: (x) => `Math.asin(${x})`,
  vjp: (g, [x]) => [div(g, sqrt(sub(1, square(x))))],
});
export const ACOS = defineElementwise({
  name: "acos",
  arity: 1,
  expr: (x) => `Math.acos(${x})`,
  vjp: (g, [x]) => [neg(div(g, sqrt(sub(1, square(x)))))],
});
export const ATAN = defineElementwise({
  name: "atan",
  arity: 1,
  expr: (x) => `Math.atan(${x})`,
  vjp: (g, [x]) => [div(g, add(square(x), 1))],
});
export const SINH = defineElementwise({
  name: "sinh",
  arity: 1,
  expr: (x) => `Math.sinh(${x})`,
  vjp: (g, [x]) => [mul(g, cosh(x))],
});
export const COSH = defineElementwise({
  name: "cosh",
  arity: 1,
  expr: (x) => `Math.cosh(${x})`,
  vjp: (g, [x]) => [mul(g, sinh(x))],
});
export const TANH = defineElementwise({
  name: "tanh",
  arity: 1,
  expr: (x) => `Math.tanh(${x})`,
  vjp: (g, _i, y) => [mul(g, sub(1, square(y)))],
});
export const SIGMOID = defineElementwise({
  name: "sigmoid",
  arity: 1,
  expr: (x) => `S.sigmoid(${x})`,
  vjp: (g, _i, y) => [mul(g, mul(y, sub(1, y)))],
});
export const SOFTPLUS = defineElementwise({
  name: "softplus",
  arity: 1,
  expr: (x) => `S.softplus(${x})`,
  vjp: (g, [x]) => [mul(g, sigmoid(x))],
});
export const LOGIT = defineElementwise({
  name: "logit",
  arity: 1,
  expr: (x) => `Math.log(${x} / (1 - ${x}))`,
  vjp: (g, [x]) => [div(g, mul(x, sub(1, x)))],
});

export const ADD = defineElementwise({
  name: "add",
  arity: 2,
  expr: (x, y) => `(${x} + ${y})`,
  vjp: (g) => [g, g],
});
export const SUB = defineElementwise({
  name: "sub",
  arity: 2,
  expr: (x, y) => `(${x} - ${y})`,
  vjp: (g) => [g, neg(g)],
});
export const MUL = defineElementwise({
  name: "mul",
  arity: 2,
  expr: (x, y) => `(${x} * ${y})`,
  vjp: (g, [x, y]) => [mul(g, y), mul(g, x)],
});
export const DIV = defineElementwise({
  name: "div",
  arity: 2,
  expr: (x, y) => `(${x} / ${y})`,
  vjp: (g, [, y], out) => {
    const gy = div(g, y);
    return [gy, neg(mul(gy, out))];
  },
});
export const POW = defineElementwise({
  name: "pow",
  arity: 2,
  expr: (x, y) => `Math.pow(${x}, ${y})`,
  vjp: (g, [x, y], out) => {
    // d/dx = y·x^(y-1); d/dy = log(x)·x^y, taken as 0 where x <= 0 (double-where so the
    // untaken log branch cannot produce NaN gradients).
    const gx = mul(g, mul(y, pow(x, sub(y, 1))));
    const pos = gt(x, 0);
    const safeX = where(pos, x, 1);
    const gy = where(pos, mul(g, mul(log(safeX), out)), 0);
    return [gx, gy];
  },
});
export const ATAN2 = defineElementwise({
  name: "atan2",
  arity: 2,
  expr: (y, x) => `Math.atan2(${y}, ${x})`,
  vjp: (g, [y, x]) => {
    const r2 = add(square(x), square(y));
    return [mul(g, div(x, r2)), neg(mul(g, div(y, r2)))];
  },
});
export const MAXIMUM = defineElementwise({
  name: "maximum",
  arity: 2,
  expr: (x, y) => `(${x} > ${y} ? ${x} : ${y} > ${x} ? ${y} : ${x} === ${y} ? ${x} : NaN)`,
  vjp: (g, [x, y]) => {
    // ties split the gradient evenly, as JAX does
    const wx = add(gt(x, y), mul(eq(x, y), 0.5));
    return [mul(g, wx), mul(g, sub(1, wx))];
  },
});
export const MINIMUM = defineElementwise({
  name: "minimum",
  arity: 2,
  expr: (x, y) => `(${x} < ${y} ? ${x} : ${y} < ${x} ? ${y} : ${x} === ${y} ? ${x} : NaN)`,
  vjp: (g, [x, y]) => {
    const wx = add(lt(x, y), mul(eq(x, y), 0.5));
    return [mul(g, wx), mul(g, sub(1, wx))];
  },
});
/**
 * logaddexp is built from e = exp(-|x - y|), one exp shared by value and gradient:
 * value = max(x, y) + log1p(e); ∂/∂x = 1/(1+e) when x ≥ y, else e/(1+e) (and
 * symmetrically for y). e is 1 when x = y, so equal infinities give that infinity
 * with weights ½, and 0 when exactly one side is -∞.
 */
const LOGADDEXP_E = defineElementwise({
  name: "logaddexpE",
  arity: 2,
  expr: (x, y) => `(${x} === ${y} ? 1 : Math.exp(-Math.abs(${x} - ${y})))`,
  nondifferentiable: true,
});
export const LOGADDEXP = defineElementwise({
  name: "logaddexp",
  arity: 3,
  expr: (x, y, e) => `((${x} > ${y} ? ${x} : ${y}) + Math.log1p(${e}))`,
  vjp: (g, [x, y, e]) => {
    const big = div(g, add(e, 1));
    const small = mul(big, e);
    const xWins = ge(x, y);
    return [where(xWins, big, small), where(xWins, small, big), null];
  },
});
export const XLOGY = defineElementwise({
  name: "xlogy",
  arity: 2,
  expr: (x, y) => `S.xlogy(${x}, ${y})`,
  vjp: (g, [x, y]) => {
    const nz = ne(x, 0);
    const safeY = where(nz, y, 1);
    return [mul(g, log(y)), where(nz, mul(g, div(x, safeY)), 0)];
  },
});
export const XLOG1PY = defineElementwise({
  name: "xlog1py",
  arity: 2,
  expr: (x, y) => `S.xlog1py(${x}, ${y})`,
  vjp: (g, [x, y]) => {
    const nz = ne(x, 0);
    const safeY = where(nz, y, 0);
    return [mul(g, log1p(y)), where(nz, mul(g, div(x, add(safeY, 1))), 0)];
  },
});
const cmp = (name: string, op: string) =>
  defineElementwise({
    name,
    arity: 2,
    expr: (x, y) => `(${x} ${op} ${y} ? 1 : 0)`,
    nondifferentiable: true,
  });
export const LT = cmp("less", "<");
export const LE = cmp("lessEqual", "<=");
export const GT = cmp("greater", ">");
export const GE = cmp("greaterEqual", ">=");
export const EQ = cmp("equal", "===");
export const NE = cmp("notEqual", "!==");
export const ISFINITE = defineElementwise({
  name: "isFinite",
  arity: 1,
  expr: (x) => `(${x} - ${x} === 0 ? 1 : 0)`,
  nondifferentiable: true,
});
export const ISNAN = defineElementwise({
  name: "isNaN",
  arity: 1,
  expr: (x) => `(${x} !== ${x} ? 1 : 0)`,
  nondifferentiable: true,
});
export const WHERE = defineElementwise({
  name: "where",
  arity: 3,
  expr: (c, a, b) => `(${c} !== 0 ? ${a} : ${b})`,
  vjp: (g, [c]) => [null, where(c, g, 0), where(c, 0, g)],
});

// ---- public ops ----
export const neg = (x: TensorLike): Tensor => apply(NEG, [u(x)], undefined);
export const exp = (x: TensorLike): Tensor => apply(EXP, [u(x)], undefined);
export const expm1 = (x: TensorLike): Tensor => apply(EXPM1, [u(x)], undefined);
export const log = (x: TensorLike): Tensor => apply(LOG, [u(x)], undefined);
export const log1p = (x: TensorLike): Tensor => apply(LOG1P, [u(x)], undefined);
export const log10 = (x: TensorLike): Tensor => apply(LOG10, [u(x)], undefined);
export const log2 = (x: TensorLike): Tensor => apply(LOG2, [u(x)], undefined);
export const sqrt = (x: TensorLike): Tensor => apply(SQRT, [u(x)], undefined);
export const square = (x: TensorLike): Tensor => apply(SQUARE, [u(x)], undefined);
export const reciprocal = (x: TensorLike): Tensor => apply(RECIPROCAL, [u(x)], undefined);
export const abs = (x: TensorLike): Tensor => apply(ABS, [u(x)], undefined);
export const sign = (x: TensorLike): Tensor => apply(SIGN, [u(x)], undefined);
export const floor = (x: TensorLike): Tensor => apply(FLOOR, [u(x)], undefined);
export const ceil = (x: TensorLike): Tensor => apply(CEIL, [u(x)], undefined);
export const round = (x: TensorLike): Tensor => apply(ROUND, [u(x)], undefined);
export const sin = (x: TensorLike): Tensor => apply(SIN, [u(x)], undefined);
export const cos = (x: TensorLike): Tensor => apply(COS, [u(x)], undefined);
export const tan = (x: TensorLike): Tensor => apply(TAN, [u(x)], undefined);
export const asin = (x: TensorLike): Tensor => apply(ASIN, [u(x)], undefined);
export const acos = (x: TensorLike): Tensor => apply(ACOS, [u(x)], undefined);
export const atan = (x: TensorLike): Tensor => apply(ATAN, [u(x)], undefined);
export const sinh = (x: TensorLike): Tensor => apply(SINH, [u(x)], undefined);
export const cosh = (x: TensorLike): Tensor => apply(COSH, [u(x)], undefined);
export const tanh = (x: TensorLike): Tensor => apply(TANH, [u(x)], undefined);
export const sigmoid = (x: TensorLike): Tensor => apply(SIGMOID, [u(x)], undefined);
export const softplus = (x: TensorLike): Tensor => apply(SOFTPLUS, [u(x)], undefined);
/** log σ(x) = -softplus(-x), stable for large |x|. */
export const logSigmoid = (x: TensorLike): Tensor => neg(softplus(neg(x)));
export const logit = (x: TensorLike): Tensor => apply(LOGIT, [u(x)], undefined);
export const add = (x: TensorLike, y: TensorLike): Tensor => apply(ADD, [u(x), u(y)], undefined);
export const sub = (x: TensorLike, y: TensorLike): Tensor => apply(SUB, [u(x), u(y)], undefined);
export const mul = (x: TensorLike, y: TensorLike): Tensor => apply(MUL, [u(x), u(y)], undefined);
export const div = (x: TensorLike, y: TensorLike): Tensor => apply(DIV, [u(x), u(y)], undefined);
export const pow = (x: TensorLike, y: TensorLike): Tensor => apply(POW, [u(x), u(y)], undefined);
export const atan2 = (y: TensorLike, x: TensorLike): Tensor =>
  apply(ATAN2, [u(y), u(x)], undefined);
export const maximum = (x: TensorLike, y: TensorLike): Tensor =>
  apply(MAXIMUM, [u(x), u(y)], undefined);
export const minimum = (x: TensorLike, y: TensorLike): Tensor =>
  apply(MINIMUM, [u(x), u(y)], undefined);
/** log(eˣ + eʸ), stable for any magnitudes; -∞ when both are -∞. */
export const logaddexp = (x: TensorLike, y: TensorLike): Tensor => {
  const a = u(x);
  const b = u(y);
  return apply(LOGADDEXP, [a, b, apply(LOGADDEXP_E, [a, b], undefined)], undefined);
};
export const xlogy = (x: TensorLike, y: TensorLike): Tensor =>
  apply(XLOGY, [u(x), u(y)], undefined);
export const xlog1py = (x: TensorLike, y: TensorLike): Tensor =>
  apply(XLOG1PY, [u(x), u(y)], undefined);
export const lt = (x: TensorLike, y: TensorLike): Tensor => apply(LT, [u(x), u(y)], undefined);
export const le = (x: TensorLike, y: TensorLike): Tensor => apply(LE, [u(x), u(y)], undefined);
export const gt = (x: TensorLike, y: TensorLike): Tensor => apply(GT, [u(x), u(y)], undefined);
export const ge = (x: TensorLike, y: TensorLike): Tensor => apply(GE, [u(x), u(y)], undefined);
export const eq = (x: TensorLike, y: TensorLike): Tensor => apply(EQ, [u(x), u(y)], undefined);
export const ne = (x: TensorLike, y: TensorLike): Tensor => apply(NE, [u(x), u(y)], undefined);
export const isfinite = (x: TensorLike): Tensor => apply(ISFINITE, [u(x)], undefined);
export const isnan = (x: TensorLike): Tensor => apply(ISNAN, [u(x)], undefined);
/** Elementwise select: `cond != 0 ? a : b`, broadcasting all three. */
export const where = (cond: TensorLike, a: TensorLike, b: TensorLike): Tensor =>
  apply(WHERE, [u(cond), u(a), u(b)], undefined);
/** Clamps to [lo, hi]; gradient 1 inside, 0 outside. */
export const clip = (x: TensorLike, lo: TensorLike, hi: TensorLike): Tensor =>
  minimum(maximum(x, lo), hi);
