/**
 * Shape ops: reshape, broadcast, transpose, slice, concat, pad, flip, gather/take,
 * cumsum, and their gradients (the scatter primitives are their transposes).
 */
import { apply } from "../core/apply.js";
import { toTensor } from "../core/create.js";
import { ShapeError } from "../core/errors.js";
import type { Primitive } from "../core/primitive.js";
import {
  broadcastIndexMap,
  broadcastShapes,
  fmtShape,
  normalizeAxes,
  normalizeAxis,
  type Shape,
  shapesEqual,
  sizeOf,
  stridesOf,
} from "../core/shape.js";
import type { Tensor, TensorLike } from "../core/tensor.js";
import { sub as subT } from "./elementwise.js";
import { sum } from "./reduce.js";

// ---------------- reshape ----------------
interface ReshapeAttrs {
  readonly shape: Shape;
}
export const RESHAPE: Primitive<ReshapeAttrs> = {
  name: "reshape",
  alias: true,
  outShape: ([s], a) => {
    if (sizeOf(s) !== sizeOf(a.shape))
      throw new ShapeError(
        "reshape",
        `cannot reshape ${fmtShape(s)} (${sizeOf(s)} elements) to ${fmtShape(a.shape)}`,
      );
    return a.shape;
  },
  run: ([x], _s, out) => out.set(x),
  vjp: (g, [x]) => [reshape(g, x.shape)],
  attrsKey: (a) => a.shape.join(","),
};

/** Reshapes without copying; one dimension may be -1 (inferred). */
export function reshape(x: TensorLike, shape: Shape): Tensor {
  const t = toTensor(x);
  const minus = shape.indexOf(-1);
  let target = shape;
  if (minus >= 0) {
    const known = shape.reduce((p, d, i) => (i === minus ? p : p * d), 1);
    target = shape.map((d, i) => (i === minus ? t.size / known : d));
  }
  if (shapesEqual(target, t.shape)) return t;
  return apply(RESHAPE, [t], { shape: target });
}

export function expandDims(x: TensorLike, axis: number): Tensor {
  const t = toTensor(x);
  const a = normalizeAxis("expandDims", axis, t.rank + 1);
  const s = [...t.shape];
  s.splice(a, 0, 1);
  return reshape(t, s);
}

export function squeeze(x: TensorLike, axis?: number | readonly number[]): Tensor {
  const t = toTensor(x);
  const axes =
    axis === undefined
      ? t.shape.map((d, i) => (d === 1 ? i : -1)).filter((i) => i >= 0)
      : normalizeAxes("squeeze", axis, t.rank);
  for (const a of axes)
    if (t.shape[a] !== 1)
      throw new ShapeError(
        "squeeze",
        `axis ${a} of ${fmtShape(t.shape)} has size ${t.shape[a]}, not 1`,
      );
  return reshape(
    t,
    t.shape.filter((_, i) => !axes.includes(i)),
  );
}

// ---------------- broadcastTo / sumToShape ----------------
interface BroadcastAttrs {
  readonly shape: Shape;
}
export const BROADCAST_TO: Primitive<BroadcastAttrs> = {
  name: "broadcastTo",
  elementwise: 1,
  outShape: ([s], a) => {
    const b = broadcastShapes("broadcastTo", s, a.shape);
    if (!shapesEqual(b, a.shape))
      throw new ShapeError(
        "broadcastTo",
        `cannot broadcast ${fmtShape(s)} to ${fmtShape(a.shape)}`,
      );
    return a.shape;
  },
  run: ([x], [s], out, os) => {
    if (x.length === 1) out.fill(x[0]);
    else {
      const map = broadcastIndexMap(s, os);
      for (let i = 0; i < out.length; i++) out[i] = x[map[i]];
    }
  },
  expr: ([x]) => x,
  vjp: (g, [x]) => [sumToShape(g, x.shape)],
  attrsKey: (a) => a.shape.join(","),
};

export function broadcastTo(x: TensorLike, shape: Shape): Tensor {
  const t = toTensor(x);
  if (shapesEqual(t.shape, shape)) return t;
  return apply(BROADCAST_TO, [t], { shape });
}

/** Sums a broadcast result back to `shape` (the transpose of broadcasting). */
export function sumToShape(x: Tensor, shape: Shape): Tensor {
  if (shapesEqual(x.shape, shape)) return x;
  const lead = x.rank - shape.length;
  if (lead < 0)
    throw new ShapeError("sumToShape", `cannot sum ${fmtShape(x.shape)} to ${fmtShape(shape)}`);
  const axes: number[] = [];
  for (let i = 0; i < x.rank; i++) {
    if (i < lead) axes.push(i);
    else if (shape[i - lead] === 1 && x.shape[i] !== 1) axes.push(i);
  }
  const s = axes.length ? sum(x, axes, true) : x;
  return reshape(s, shape);
}

// ---------------- transpose ----------------
interface PermAttrs {
  readonly perm: readonly number[];
}
function permuteKernel(
  x: Float64Array,
  s: Shape,
  out: Float64Array,
  perm: readonly number[],
): void {
  const rank = s.length;
  const inStr = stridesOf(s);
  const outShape = perm.map((p) => s[p]);
  const str = perm.map((p) => inStr[p]); // input stride for each output axis
  const n = out.length;
  if (rank === 2) {
    const [r, c] = outShape;
    const [s0, s1] = str;
    let k = 0;
    for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[k++] = x[i * s0 + j * s1];
    return;
  }
  const idx = new Array<number>(rank).fill(0);
  let pos = 0;
  for (let i = 0; i < n; i++) {
    out[i] = x[pos];
    for (let ax = rank - 1; ax >= 0; ax--) {
      idx[ax]++;
      pos += str[ax];
      if (idx[ax] < outShape[ax]) break;
      pos -= str[ax] * outShape[ax];
      idx[ax] = 0;
    }
  }
}
export const TRANSPOSE: Primitive<PermAttrs> = {
  name: "transpose",
  outShape: ([s], a) => {
    if (a.perm.length !== s.length || [...a.perm].sort().some((p, i) => p !== i))
      throw new ShapeError("transpose", `invalid permutation [${a.perm}] for rank ${s.length}`);
    return a.perm.map((p) => s[p]);
  },
  run: ([x], [s], out, _o, a) => permuteKernel(x, s, out, a.perm),
  vjp: (g, _x, _o, a) => {
    const inv = new Array<number>(a.perm.length);
    a.perm.forEach((p, i) => {
      inv[p] = i;
    });
    return [transpose(g, inv)];
  },
  attrsKey: (a) => a.perm.join(","),
};
/** Permutes axes (default: reverses them). */
export function transpose(x: TensorLike, perm?: readonly number[]): Tensor {
  const t = toTensor(x);
  const p = perm ?? t.shape.map((_, i) => t.rank - 1 - i);
  if (p.every((v, i) => v === i)) return t;
  return apply(TRANSPOSE, [t], { perm: p });
}

// ---------------- slice / sliceScatter ----------------
interface SliceAttrs {
  readonly begin: readonly number[];
  readonly size: readonly number[];
  readonly step: readonly number[];
  readonly inShape: Shape;
}
/** Iterates the flat input offsets of a strided box; calls f(outIndex, inOffset). */
function forEachBox(a: SliceAttrs, f: (o: number, i: number) => void): void {
  const rank = a.inShape.length;
  const st = stridesOf(a.inShape);
  const n = sizeOf(a.size);
  if (n === 0) return;
  let base = 0;
  for (let ax = 0; ax < rank; ax++) base += a.begin[ax] * st[ax];
  const jump = a.step.map((s, ax) => s * st[ax]);
  const idx = new Array<number>(rank).fill(0);
  let pos = base;
  for (let o = 0; o < n; o++) {
    f(o, pos);
    for (let ax = rank - 1; ax >= 0; ax--) {
      idx[ax]++;
      pos += jump[ax];
      if (idx[ax] < a.size[ax]) break;
      pos -= jump[ax] * a.size[ax];
      idx[ax] = 0;
    }
  }
}
const sliceKey = (a: SliceAttrs) => `${a.begin}|${a.size}|${a.step}|${a.inShape}`;
export const SLICE: Primitive<SliceAttrs> = {
  name: "slice",
  outShape: (_s, a) => a.size,
  run: ([x], _s, out, _o, a) =>
    forEachBox(a, (o, i) => {
      out[o] = x[i];
    }),
  vjp: (g, _x, _o, a) => [apply(SLICE_SCATTER, [g], a)],
  attrsKey: sliceKey,
};
/** The transpose of slice: writes the slice into zeros of the input shape. */
export const SLICE_SCATTER: Primitive<SliceAttrs> = {
  name: "sliceScatter",
  outShape: (_s, a) => a.inShape,
  run: ([g], _s, out, _o, a) => {
    out.fill(0);
    forEachBox(a, (o, i) => {
      out[i] += g[o];
    });
  },
  vjp: (g, _x, _o, a) => [apply(SLICE, [g], a)],
  attrsKey: sliceKey,
};

/**
 * Basic slicing: per axis `[start, end, step?]` with NumPy semantics (negative
 * indices count from the end, `null` means the full range); missing axes are full.
 * @example slice(x, [[1, 3], null]) // rows 1..2, all columns
 */
export function slice(
  x: TensorLike,
  ranges: readonly (readonly [number | null, number | null, number?] | null)[],
): Tensor {
  const t = toTensor(x);
  if (ranges.length > t.rank)
    throw new ShapeError("slice", `${ranges.length} ranges for a tensor of rank ${t.rank}`);
  const begin: number[] = [];
  const size: number[] = [];
  const step: number[] = [];
  for (let ax = 0; ax < t.rank; ax++) {
    const n = t.shape[ax];
    const r = ranges[ax] ?? null;
    const st = r?.[2] ?? 1;
    if (!Number.isInteger(st) || st === 0)
      throw new ShapeError("slice", `invalid step ${st} on axis ${ax}`);
    const norm = (v: number | null, dflt: number) => {
      if (v === null) return dflt;
      const w = v < 0 ? v + n : v;
      return st > 0 ? Math.min(Math.max(w, 0), n) : Math.min(Math.max(w, -1), n - 1);
    };
    const b = norm(r?.[0] ?? null, st > 0 ? 0 : n - 1);
    const e = norm(r?.[1] ?? null, st > 0 ? n : -1);
    const len =
      st > 0 ? Math.max(0, Math.ceil((e - b) / st)) : Math.max(0, Math.ceil((b - e) / -st));
    begin.push(b);
    size.push(len);
    step.push(st);
  }
  if (size.every((s, i) => s === t.shape[i]) && step.every((s) => s === 1)) return t;
  return apply(SLICE, [t], { begin, size, step, inShape: t.shape });
}

/** Reverses the order of elements along the given axes (all by default). */
export function flip(x: TensorLike, axis?: number | readonly number[]): Tensor {
  const t = toTensor(x);
  const axes = normalizeAxes("flip", axis, t.rank);
  return slice(
    t,
    t.shape.map((_, i) => (axes.includes(i) ? ([null, null, -1] as const) : null)),
  );
}

// ---------------- concat ----------------
interface ConcatAttrs {
  readonly axis: number;
}
export const CONCAT: Primitive<ConcatAttrs> = {
  name: "concat",
  outShape: (shapes, a) => {
    const first = shapes[0];
    let total = 0;
    for (const s of shapes) {
      if (s.length !== first.length || s.some((d, i) => i !== a.axis && d !== first[i]))
        throw new ShapeError(
          "concat",
          `shapes ${shapes.map(fmtShape).join(", ")} differ off axis ${a.axis}`,
        );
      total += s[a.axis];
    }
    const out = [...first];
    out[a.axis] = total;
    return out;
  },
  run: (xs, shapes, out, os, a) => {
    const outer = sizeOf(os.slice(0, a.axis));
    const inner = sizeOf(os.slice(a.axis + 1));
    const outRow = os[a.axis] * inner;
    let off = 0;
    for (let k = 0; k < xs.length; k++) {
      const x = xs[k];
      const row = shapes[k][a.axis] * inner;
      for (let o = 0; o < outer; o++) out.set(x.subarray(o * row, (o + 1) * row), o * outRow + off);
      off += row;
    }
  },
  vjp: (g, xs, _o, a) => {
    let start = 0;
    return xs.map((x) => {
      const len = x.shape[a.axis];
      const r = x.shape.map((_, i) => (i === a.axis ? ([start, start + len] as const) : null));
      start += len;
      return slice(g, r);
    });
  },
  attrsKey: (a) => String(a.axis),
};
export function concat(xs: readonly TensorLike[], axis = 0): Tensor {
  const ts = xs.map(toTensor);
  if (ts.length === 0) throw new ShapeError("concat", "no tensors to concatenate");
  const ax = normalizeAxis("concat", axis, ts[0].rank);
  if (ts.length === 1) return ts[0];
  return apply(CONCAT, ts, { axis: ax });
}
export function stack(xs: readonly TensorLike[], axis = 0): Tensor {
  const ts = xs.map(toTensor);
  if (ts.length === 0) throw new ShapeError("stack", "no tensors to stack");
  const ax = normalizeAxis("stack", axis, ts[0].rank + 1);
  return concat(
    ts.map((t) => expandDims(t, ax)),
    ax,
  );
}

/** Pads with a constant: `widths[axis] = [before, after]`. */
export function pad(
  x: TensorLike,
  widths: readonly (readonly [number, number])[],
  value = 0,
): Tensor {
  const t = toTensor(x);
  let cur = t;
  for (let ax = 0; ax < t.rank; ax++) {
    const [b, e] = widths[ax] ?? [0, 0];
    if (b === 0 && e === 0) continue;
    const parts: Tensor[] = [];
    const side = (n: number) => {
      const s = [...cur.shape];
      s[ax] = n;
      return apply(FILL, [], { shape: s, value });
    };
    if (b > 0) parts.push(side(b));
    parts.push(cur);
    if (e > 0) parts.push(side(e));
    cur = concat(parts, ax);
  }
  return cur;
}
interface FillAttrs {
  readonly shape: Shape;
  readonly value: number;
}
/** A constant-filled tensor as a graph node (so compile sees it as a constant). */
export const FILL: Primitive<FillAttrs> = {
  name: "fill",
  outShape: (_s, a) => a.shape,
  run: (_x, _s, out, _o, a) => out.fill(a.value),
  attrsKey: (a) => `${a.shape}|${a.value}`,
};

// ---------------- gather / scatterAdd ----------------
interface GatherAttrs {
  readonly axis: number;
  readonly inShape: Shape;
}
function gatherGeometry(xs: Shape, idxShape: Shape, axis: number) {
  const outer = sizeOf(xs.slice(0, axis));
  const inner = sizeOf(xs.slice(axis + 1));
  const nIdx = sizeOf(idxShape);
  return { outer, inner, nIdx, len: xs[axis] };
}
export const GATHER: Primitive<GatherAttrs> = {
  name: "gather",
  outShape: ([xs, is], a) => [...xs.slice(0, a.axis), ...is, ...xs.slice(a.axis + 1)],
  run: ([x, idx], [xs, is], out, _o, a) => {
    const { outer, inner, nIdx, len } = gatherGeometry(xs, is, a.axis);
    for (let j = 0; j < nIdx; j++) {
      const k = idx[j];
      if (!(k >= 0 && k < len && Number.isInteger(k)))
        throw new ShapeError("gather", `index ${k} out of range for axis of length ${len}`);
    }
    let o = 0;
    for (let p = 0; p < outer; p++)
      for (let j = 0; j < nIdx; j++) {
        const base = (p * len + idx[j]) * inner;
        for (let q = 0; q < inner; q++) out[o++] = x[base + q];
      }
  },
  vjp: (g, [x, idx], _o, a) => [
    apply(SCATTER_ADD, [g, idx], { axis: a.axis, inShape: x.shape }),
    null,
  ],
  attrsKey: (a) => `${a.axis}|${a.inShape}`,
};
/** The transpose of gather: adds rows of `g` into zeros of `inShape` at the indices. */
export const SCATTER_ADD: Primitive<GatherAttrs> = {
  name: "scatterAdd",
  outShape: (_s, a) => a.inShape,
  run: ([g, idx], [, is], out, _o, a) => {
    const { outer, inner, nIdx, len } = gatherGeometry(a.inShape, is, a.axis);
    out.fill(0);
    let o = 0;
    for (let p = 0; p < outer; p++)
      for (let j = 0; j < nIdx; j++) {
        const base = (p * len + idx[j]) * inner;
        for (let q = 0; q < inner; q++) out[base + q] += g[o++];
      }
  },
  vjp: (g, [, idx], _o, a) => [apply(GATHER, [g, idx], a), null],
  attrsKey: (a) => `${a.axis}|${a.inShape}`,
};

/**
 * Selects entries along `axis` at integer `indices` (any shape): the output shape is
 * `x.shape[:axis] + indices.shape + x.shape[axis+1:]`. Differentiable in `x`.
 * `take` and `gather` are the same op (NumPy's `take(x, indices, axis)`).
 */
export function take(x: TensorLike, indices: TensorLike, axis = 0): Tensor {
  const t = toTensor(x);
  const ax = normalizeAxis("take", axis, t.rank);
  return apply(GATHER, [t, toTensor(indices)], { axis: ax, inShape: t.shape });
}
export const gather = take;

// ---------------- cumsum ----------------
interface AxisAttrs {
  readonly axis: number;
}
export const CUMSUM: Primitive<AxisAttrs> = {
  name: "cumsum",
  outShape: ([s]) => s,
  run: ([x], [s], out, _o, a) => {
    const outer = sizeOf(s.slice(0, a.axis));
    const len = s[a.axis];
    const inner = sizeOf(s.slice(a.axis + 1));
    for (let p = 0; p < outer; p++)
      for (let q = 0; q < inner; q++) {
        let acc = 0;
        for (let k = 0; k < len; k++) {
          const i = (p * len + k) * inner + q;
          acc += x[i];
          out[i] = acc;
        }
      }
  },
  vjp: (g, _x, _o, a) => [flip(cumsum(flip(g, a.axis), a.axis), a.axis)],
  attrsKey: (a) => String(a.axis),
};
export function cumsum(x: TensorLike, axis = -1): Tensor {
  const t = toTensor(x);
  return apply(CUMSUM, [t], { axis: normalizeAxis("cumsum", axis, t.rank) });
}

/** n-th discrete difference along an axis (NumPy's diff). */
export function diff(x: TensorLike, n = 1, axis = -1): Tensor {
  let t = toTensor(x);
  const ax = normalizeAxis("diff", axis, t.rank);
  for (let k = 0; k < n; k++) {
    const hi = t.shape.map((_, i) => (i === ax ? ([1, null] as const) : null));
    const lo = t.shape.map((_, i) => (i === ax ? ([0, -1] as const) : null));
    t = subT(slice(t, hi), slice(t, lo));
  }
  return t;
}
