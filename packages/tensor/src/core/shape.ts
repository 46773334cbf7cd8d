/**
 * Shapes, strides and NumPy broadcasting rules.
 *
 * Shapes are plain readonly arrays of non-negative integers; a scalar has shape `[]`.
 * Layout is always row-major (C order), so strides are derived, never stored.
 */
import { ShapeError } from "./errors.js";

export type Shape = readonly number[];

/** Number of elements of a shape (1 for a scalar). */
export function sizeOf(shape: Shape): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i];
  return n;
}

/** Row-major strides, in elements. */
export function stridesOf(shape: Shape): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i];
  }
  return s;
}

export function shapesEqual(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The broadcast shape of several shapes (NumPy rules), or a ShapeError naming the op. */
export function broadcastShapes(op: string, ...shapes: Shape[]): number[] {
  let rank = 0;
  for (const s of shapes) rank = Math.max(rank, s.length);
  const out = new Array<number>(rank).fill(1);
  for (const s of shapes) {
    const off = rank - s.length;
    for (let i = 0; i < s.length; i++) {
      const d = s[i];
      const o = out[off + i];
      if (d === o || d === 1) continue;
      if (o === 1) out[off + i] = d;
      else
        throw new ShapeError(
          op,
          `shapes ${shapes.map(fmtShape).join(", ")} are not broadcast-compatible (axis ${off + i}: ${o} vs ${d})`,
        );
    }
  }
  return out;
}

export function fmtShape(s: Shape): string {
  return `[${s.join(", ")}]`;
}

/** Normalises a possibly negative axis against a rank. */
export function normalizeAxis(op: string, axis: number, rank: number): number {
  const a = axis < 0 ? axis + rank : axis;
  if (!Number.isInteger(a) || a < 0 || a >= rank)
    throw new ShapeError(op, `axis ${axis} is out of range for rank ${rank}`);
  return a;
}

/** Normalises an axis argument (undefined = all axes) to a sorted unique list. */
export function normalizeAxes(
  op: string,
  axis: number | readonly number[] | undefined,
  rank: number,
): number[] {
  if (axis === undefined) return Array.from({ length: rank }, (_, i) => i);
  const list = typeof axis === "number" ? [axis] : axis;
  const out = [...new Set(list.map((a) => normalizeAxis(op, a, rank)))];
  return out.sort((x, y) => x - y);
}

/**
 * For an input of shape `inShape` broadcast to `outShape`, the element strides of the
 * input aligned to the output's axes (0 where the input is broadcast).
 */
export function broadcastStrides(inShape: Shape, outShape: Shape): number[] {
  const st = stridesOf(inShape);
  const off = outShape.length - inShape.length;
  const res = new Array<number>(outShape.length).fill(0);
  for (let i = 0; i < inShape.length; i++) res[off + i] = inShape[i] === 1 ? 0 : st[i];
  return res;
}

/**
 * Index map from each flat output position to the flat input position under
 * broadcasting. Used by kernels on the general (non fast-path) case and by the
 * compiler to hoist index arithmetic out of fused loops.
 */
export function broadcastIndexMap(inShape: Shape, outShape: Shape): Int32Array {
  const n = sizeOf(outShape);
  const map = new Int32Array(n);
  const rank = outShape.length;
  if (rank === 0) return map;
  const bst = broadcastStrides(inShape, outShape);
  const idx = new Array<number>(rank).fill(0);
  let pos = 0;
  for (let i = 0; i < n; i++) {
    map[i] = pos;
    for (let ax = rank - 1; ax >= 0; ax--) {
      idx[ax]++;
      pos += bst[ax];
      if (idx[ax] < outShape[ax]) break;
      pos -= bst[ax] * outShape[ax];
      idx[ax] = 0;
    }
  }
  return map;
}
