/**
 * The constraint vocabulary (NumPyro's `constraints` module). Elementwise constraints
 * have eventDim 0; vector/matrix constraints reduce their event dimensions in `check`.
 */
import type { Tensor, TensorLike } from "@sidereal/tensor";
import {
  abs,
  add,
  cholesky,
  diff,
  eq,
  floor,
  ge,
  gt,
  isfinite,
  le,
  lt,
  matrixTranspose,
  min,
  mul,
  sub,
  sum,
  tensor,
  toTensor,
} from "@sidereal/tensor";
import type { Constraint } from "./constraint.js";

export type { Constraint } from "./constraint.js";

const and = (a: Tensor, b: Tensor) => mul(a, b);
/** Reduces a 0/1 tensor over its last `n` dims with logical AND (minimum). */
const all = (t: Tensor, n: number): Tensor =>
  n === 0 || t.rank === 0 ? t : min(t, t.shape.map((_, i) => i).slice(-n));
const elementwise = (
  name: string,
  check: (v: Tensor) => Tensor,
  extra: Partial<Constraint> = {},
): Constraint => ({
  name,
  eventDim: 0,
  check: (v: TensorLike) => check(toTensor(v)),
  ...extra,
});
const notNaNReal = (v: Tensor) => eq(v, v);

export const real: Constraint = elementwise("real", (v) => notNaNReal(v));
export const positive: Constraint = elementwise("positive", (v) => gt(v, 0));
/** Positive and finite (a rate or concentration where +Infinity has no meaning). */
export const finitePositive: Constraint = elementwise("finitePositive", (v) =>
  and(gt(v, 0), isfinite(v)),
);
/** Non-negative and finite (a Poisson rate, a mean count). */
export const finiteNonnegative: Constraint = elementwise("finiteNonnegative", (v) =>
  and(ge(v, 0), isfinite(v)),
);
/** A finite real number (a location that must not be ±Infinity). */
export const finiteReal: Constraint = elementwise("finiteReal", (v) => isfinite(v));
export const nonnegative: Constraint = elementwise("nonnegative", (v) => ge(v, 0));
export const unitInterval: Constraint = elementwise("unitInterval", (v) => and(ge(v, 0), le(v, 1)));
export const boolean: Constraint = elementwise("boolean", (v) => add(eq(v, 0), eq(v, 1)), {
  isDiscrete: true,
});
export const nonnegativeInteger: Constraint = elementwise(
  "nonnegativeInteger",
  (v) => and(ge(v, 0), eq(floor(v), v)),
  {
    isDiscrete: true,
  },
);
export const positiveInteger: Constraint = elementwise(
  "positiveInteger",
  (v) => and(ge(v, 1), eq(floor(v), v)),
  {
    isDiscrete: true,
  },
);

/** low < x < high (open interval; NumPyro's `interval` checks the closed interval). */
export function interval(low: TensorLike, high: TensorLike): Constraint {
  const lo = toTensor(low);
  const hi = toTensor(high);
  return elementwise("interval", (v) => and(ge(v, lo), le(v, hi)), {
    params: { low: lo, high: hi },
  });
}
export function greaterThan(lowerBound: TensorLike): Constraint {
  const lo = toTensor(lowerBound);
  return elementwise("greaterThan", (v) => gt(v, lo), { params: { lowerBound: lo } });
}
export function greaterThanEq(lowerBound: TensorLike): Constraint {
  const lo = toTensor(lowerBound);
  return elementwise("greaterThanEq", (v) => ge(v, lo), { params: { lowerBound: lo } });
}
export function lessThan(upperBound: TensorLike): Constraint {
  const hi = toTensor(upperBound);
  return elementwise("lessThan", (v) => lt(v, hi), { params: { upperBound: hi } });
}
export function integerInterval(low: TensorLike, high: TensorLike): Constraint {
  const lo = toTensor(low);
  const hi = toTensor(high);
  return elementwise("integerInterval", (v) => and(and(ge(v, lo), le(v, hi)), eq(floor(v), v)), {
    params: { low: lo, high: hi },
    isDiscrete: true,
  });
}

export const realVector: Constraint = {
  name: "realVector",
  eventDim: 1,
  check: (v) => all(isfinite(toTensor(v)), 1),
};
/** Non-negative entries summing to 1 (tolerance 1e-6, as NumPyro). */
export const simplex: Constraint = {
  name: "simplex",
  eventDim: 1,
  check: (v) => {
    const t = toTensor(v);
    return and(all(ge(t, 0), 1), lt(abs(sub(sum(t, -1), 1)), 1e-6));
  },
};
export const orderedVector: Constraint = {
  name: "orderedVector",
  eventDim: 1,
  check: (v) => {
    const t = toTensor(v);
    return t.shape[t.rank - 1] < 2 ? all(isfinite(t), 1) : all(gt(diff(t), 0), 1);
  },
};
export const positiveOrderedVector: Constraint = {
  name: "positiveOrderedVector",
  eventDim: 1,
  check: (v) => {
    const t = toTensor(v);
    return and(orderedVector.check(t), all(gt(t, 0), 1));
  },
};

function upperMask(n: number): Tensor {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) m[i * n + j] = 1;
  return tensor(m, [n, n]);
}
/** Lower triangular with positive diagonal. */
export const lowerCholesky: Constraint = {
  name: "lowerCholesky",
  eventDim: 2,
  check: (v) => {
    const t = toTensor(v);
    const n = t.shape[t.rank - 1];
    const zeroUpper = all(eq(mul(t, upperMask(n)), 0), 2);
    const eye = tensor(
      Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? 1 : 0)),
      [n, n],
    );
    const diagPos = all(gt(add(mul(t, eye), sub(1, eye)), 0), 2);
    return and(zeroUpper, diagPos);
  },
};
/** Lower Cholesky factor of a correlation matrix: rows of unit norm. */
export const correlationCholesky: Constraint = {
  name: "correlationCholesky",
  eventDim: 2,
  check: (v) => {
    const t = toTensor(v);
    const rowNorm = sum(mul(t, t), -1);
    return and(lowerCholesky.check(t), all(lt(abs(sub(rowNorm, 1)), 1e-6), 1));
  },
};
/** Symmetric positive definite (checked through a successful Cholesky factorisation). */
export const positiveDefinite: Constraint = {
  name: "positiveDefinite",
  eventDim: 2,
  check: (v) => {
    const t = toTensor(v);
    const sym = all(lt(abs(sub(t, matrixTranspose(t))), 1e-8), 2);
    const l = choleskyFinite(t);
    return and(sym, l);
  },
};

function choleskyFinite(t: Tensor): Tensor {
  return all(isfinite(cholesky(t)), 2);
}
