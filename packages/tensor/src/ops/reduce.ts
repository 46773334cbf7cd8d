/**
 * Reductions over axes (all axes by default), with `keepDims`: sum, mean, prod,
 * max, min, logsumexp, var, std, argmax/argmin.
 */

import { stopGradient as stopGradientLocal } from "../autodiff/stop-gradient.js";
import { apply } from "../core/apply.js";
import { toTensor } from "../core/create.js";
import type { Primitive } from "../core/primitive.js";
import { broadcastIndexMap, normalizeAxes, type Shape, sizeOf } from "../core/shape.js";
import type { Tensor, TensorLike } from "../core/tensor.js";
import { add, div, eq, exp, isfinite, log, mul, sqrt, square, sub, where } from "./elementwise.js";
import { broadcastTo, reshape } from "./shape-ops.js";

export interface ReduceAttrs {
  readonly axes: readonly number[];
  readonly keepDims: boolean;
}

function keptShape(s: Shape, axes: readonly number[]): number[] {
  return s.map((d, i) => (axes.includes(i) ? 1 : d));
}
function reducedShape(s: Shape, a: ReduceAttrs): Shape {
  return a.keepDims ? keptShape(s, a.axes) : s.filter((_, i) => !a.axes.includes(i));
}
/** Geometry for the common case of reducing a contiguous block of trailing axes. */
function trailing(s: Shape, axes: readonly number[]): number {
  const r = s.length;
  for (let k = 0; k < axes.length; k++) if (axes[axes.length - 1 - k] !== r - 1 - k) return -1;
  return sizeOf(s.slice(r - axes.length));
}

type Combine = "sum" | "prod" | "max" | "min";
function reduceKernel(kind: Combine): Primitive<ReduceAttrs>["run"] {
  const init = kind === "sum" ? 0 : kind === "prod" ? 1 : kind === "max" ? -Infinity : Infinity;
  const step =
    kind === "sum"
      ? (acc: number, v: number) => acc + v
      : kind === "prod"
        ? (acc: number, v: number) => acc * v
        : kind === "max"
          ? (acc: number, v: number) => (v > acc || Number.isNaN(v) ? v : acc)
          : (acc: number, v: number) => (v < acc || Number.isNaN(v) ? v : acc);
  return ([x], [s], out, _o, a) => {
    const inner = trailing(s, a.axes);
    if (inner >= 0) {
      const outer = out.length;
      for (let o = 0; o < outer; o++) {
        let acc = init;
        const base = o * inner;
        if (kind === "sum") for (let i = 0; i < inner; i++) acc += x[base + i];
        else for (let i = 0; i < inner; i++) acc = step(acc, x[base + i]);
        out[o] = acc;
      }
      return;
    }
    out.fill(init);
    const map = broadcastIndexMap(keptShape(s, a.axes), s);
    for (let i = 0; i < x.length; i++) out[map[i]] = step(out[map[i]], x[i]);
  };
}
const reduceKey = (a: ReduceAttrs) => `${a.axes}|${a.keepDims}`;

export const SUM: Primitive<ReduceAttrs> = {
  name: "sum",
  outShape: ([s], a) => reducedShape(s, a),
  run: reduceKernel("sum"),
  vjp: (g, [x], _o, a) => [broadcastTo(reshape(g, keptShape(x.shape, a.axes)), x.shape)],
  attrsKey: reduceKey,
};
export const PROD: Primitive<ReduceAttrs> = {
  name: "prod",
  outShape: ([s], a) => reducedShape(s, a),
  run: reduceKernel("prod"),
  // d prod / dx_i = prod / x_i (undefined at exact zeros; documented limitation)
  vjp: (g, [x], out, a) => {
    const k = keptShape(x.shape, a.axes);
    return [mul(broadcastTo(reshape(mul(g, out), k), x.shape), div(1, x))];
  },
  attrsKey: reduceKey,
};
function extremumVjp(g: Tensor, [x]: readonly Tensor[], out: Tensor, a: ReduceAttrs): Tensor[] {
  // the gradient is shared evenly among tied extrema
  const k = keptShape(x.shape, a.axes);
  const mask = eq(x, reshape(out, k));
  const count = apply(SUM, [mask], { axes: a.axes, keepDims: true });
  return [mul(mask, div(reshape(g, k), count))];
}
export const MAX: Primitive<ReduceAttrs> = {
  name: "max",
  outShape: ([s], a) => reducedShape(s, a),
  run: reduceKernel("max"),
  vjp: extremumVjp,
  attrsKey: reduceKey,
};
export const MIN: Primitive<ReduceAttrs> = {
  name: "min",
  outShape: ([s], a) => reducedShape(s, a),
  run: reduceKernel("min"),
  vjp: extremumVjp,
  attrsKey: reduceKey,
};

type AxisArg = number | readonly number[] | undefined;
function reduceWith(
  prim: Primitive<ReduceAttrs>,
  x: TensorLike,
  axis: AxisArg,
  keepDims: boolean,
): Tensor {
  const t = toTensor(x);
  const axes = normalizeAxes(prim.name, axis, t.rank);
  if (axes.length === 0) return t;
  return apply(prim, [t], { axes, keepDims });
}

export const sum = (x: TensorLike, axis?: AxisArg, keepDims = false): Tensor =>
  reduceWith(SUM, x, axis, keepDims);
export const prod = (x: TensorLike, axis?: AxisArg, keepDims = false): Tensor =>
  reduceWith(PROD, x, axis, keepDims);
export const max = (x: TensorLike, axis?: AxisArg, keepDims = false): Tensor =>
  reduceWith(MAX, x, axis, keepDims);
export const min = (x: TensorLike, axis?: AxisArg, keepDims = false): Tensor =>
  reduceWith(MIN, x, axis, keepDims);

function countOf(t: Tensor, axis: AxisArg): number {
  return normalizeAxes("mean", axis, t.rank).reduce((p, a) => p * t.shape[a], 1);
}
export function mean(x: TensorLike, axis?: AxisArg, keepDims = false): Tensor {
  const t = toTensor(x);
  return div(sum(t, axis, keepDims), countOf(t, axis));
}
/** Variance with `ddof` (0 = population, as NumPy's default). */
export function variance(x: TensorLike, axis?: AxisArg, keepDims = false, ddof = 0): Tensor {
  const t = toTensor(x);
  const m = mean(t, axis, true);
  return div(sum(square(sub(t, m)), axis, keepDims), countOf(t, axis) - ddof);
}
export const std = (x: TensorLike, axis?: AxisArg, keepDims = false, ddof = 0): Tensor =>
  sqrt(variance(x, axis, keepDims, ddof));

/**
 * log Σ exp(x) over axes, computed as m + log Σ exp(x - m) with m = max (held
 * constant for the gradient, which is then exactly softmax). All -inf gives -inf.
 */
export function logsumexp(x: TensorLike, axis?: AxisArg, keepDims = false): Tensor {
  const t = toTensor(x);
  const m = stopGradientLocal(max(t, axis, true));
  const safeM = where(isfinite(m), m, 0);
  const s = log(sum(exp(sub(t, safeM)), axis, true));
  const r = add(s, safeM);
  const axes = normalizeAxes("logsumexp", axis, t.rank);
  return keepDims
    ? r
    : reshape(
        r,
        t.shape.filter((_, i) => !axes.includes(i)),
      );
}

interface ArgAttrs {
  readonly axis: number;
  readonly kind: "max" | "min";
}
export const ARGEXT: Primitive<ArgAttrs> = {
  name: "argmax",
  nondifferentiable: true,
  outShape: ([s], a) => s.filter((_, i) => i !== a.axis),
  run: ([x], [s], out, _o, a) => {
    const outer = sizeOf(s.slice(0, a.axis));
    const len = s[a.axis];
    const inner = sizeOf(s.slice(a.axis + 1));
    for (let p = 0; p < outer; p++)
      for (let q = 0; q < inner; q++) {
        let best = 0;
        let bv = x[p * len * inner + q];
        for (let k = 1; k < len; k++) {
          const v = x[(p * len + k) * inner + q];
          if (a.kind === "max" ? v > bv : v < bv) {
            bv = v;
            best = k;
          }
        }
        out[p * inner + q] = best;
      }
  },
  attrsKey: (a) => `${a.axis}|${a.kind}`,
};
/** Index of the first maximum along `axis` (flattened when omitted), as a float tensor. */
export function argmax(x: TensorLike, axis?: number): Tensor {
  let t = toTensor(x);
  if (axis === undefined) t = reshape(t, [t.size]);
  const ax = normalizeAxes("argmax", axis ?? 0, t.rank)[0];
  return apply(ARGEXT, [t], { axis: ax, kind: "max" });
}
export function argmin(x: TensorLike, axis?: number): Tensor {
  let t = toTensor(x);
  if (axis === undefined) t = reshape(t, [t.size]);
  const ax = normalizeAxes("argmin", axis ?? 0, t.rank)[0];
  return apply(ARGEXT, [t], { axis: ax, kind: "min" });
}
