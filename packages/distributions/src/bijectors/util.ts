/**
 * Small shape helpers shared by the bijectors (internal; not exported from the package).
 */
import type { Shape, Tensor } from "@sidereal/tensor";
import { pad, reshape, slice, sum, tensor } from "@sidereal/tensor";
import { broadcastOr } from "../validate.js";
import { BijectorError } from "./bijector-error.js";

/** Sums `x` over its rightmost `n` axes (all axes when the rank is smaller; no-op for n ≤ 0). */
export function sumRightmost(x: Tensor, n: number): Tensor {
  if (n <= 0 || x.rank === 0) return x;
  const k = Math.min(n, x.rank);
  return sum(
    x,
    Array.from({ length: k }, (_, i) => x.rank - k + i),
  );
}

/** Broadcast of several shapes, throwing a BijectorError naming the bijector. */
export function broadcastOrThrow(name: string, ...shapes: Shape[]): Shape {
  const constraint = "broadcastable shapes";
  return broadcastOr(
    shapes,
    (value) => new BijectorError({ transform: name, parameter: "shape", value, constraint }),
  );
}

/** Throws unless `shape` has at least `n` dims; returns the size of the last dim. */
export function lastDim(name: string, shape: Shape, what = "input"): number {
  if (shape.length < 1)
    throw new BijectorError({
      transform: name,
      parameter: what,
      value: shape,
      constraint: "a vector shape (rank ≥ 1)",
    });
  return shape[shape.length - 1];
}

/**
 * K with K(K+1)/2 = m (the lower triangle with its diagonal) or K(K−1)/2 = m (strictly
 * lower), or a BijectorError naming the transform.
 */
export function sizeFromTriangle(name: string, m: number, withDiagonal: boolean): number {
  const root = Math.sqrt(1 + 8 * m);
  const k = Math.round(withDiagonal ? (root - 1) / 2 : (1 + root) / 2);
  if ((k * (k + (withDiagonal ? 1 : -1))) / 2 !== m)
    throw new BijectorError({
      transform: name,
      parameter: "input",
      value: m,
      constraint: `a last dimension K(K${withDiagonal ? "+" : "-"}1)/2 for an integer K`,
    });
  return k;
}

/**
 * Row-major flat positions (i*K + j) of the strictly-lower entries (i > j) of a K×K
 * matrix, in the order (1,0), (2,0), (2,1), (3,0), … (NumPy's `tril_indices(K, -1)`).
 */
export function strictLowerPositions(k: number): number[] {
  const out: number[] = [];
  for (let i = 1; i < k; i++) for (let j = 0; j < i; j++) out.push(i * k + j);
  return out;
}

/**
 * Index matrix [K, K] that gathers a vector of the K(K-1)/2 strictly-lower entries
 * (padded with one trailing slot, index m) into a matrix: strictly-lower cells point at
 * their vector position, every other cell at the padding slot m.
 */
export function strictLowerGatherIndex(k: number): Tensor {
  const m = (k * (k - 1)) / 2;
  const idx = new Float64Array(k * k).fill(m);
  strictLowerPositions(k).forEach((p, n) => {
    idx[p] = n;
  });
  return tensor(idx, [k, k]);
}

/** A K×K 0/1 mask: 1 strictly below the diagonal. */
export function strictLowerMask(k: number): Tensor {
  const m = new Float64Array(k * k);
  for (const p of strictLowerPositions(k)) m[p] = 1;
  return tensor(m, [k, k]);
}

/** Shapes equal element by element. */
export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** x[..., start:end] (NumPy semantics, `null` for an open end). */
export function sliceLast(x: Tensor, start: number | null, end: number | null): Tensor {
  return slice(
    x,
    x.shape.map((_, i) => (i === x.rank - 1 ? ([start, end] as const) : null)),
  );
}

/** Pads the last axis with `before`/`after` constant entries. */
export function padLast(x: Tensor, before: number, after: number, value = 0): Tensor {
  return pad(
    x,
    x.shape.map((_, i) => (i === x.rank - 1 ? ([before, after] as const) : ([0, 0] as const))),
    value,
  );
}

/** Flattens the last two axes of a [..., K, K] tensor to [..., K*K]. */
export function flattenMatrix(x: Tensor): Tensor {
  const k = x.shape[x.rank - 1];
  return reshape(x, [...x.shape.slice(0, -2), k * x.shape[x.rank - 2]]);
}

/** Throws unless `shape` ends in a square K×K matrix; returns K. */
export function squareDim(name: string, shape: Shape, what = "input"): number {
  const r = shape.length;
  if (r < 2 || shape[r - 1] !== shape[r - 2])
    throw new BijectorError({
      transform: name,
      parameter: what,
      value: shape,
      constraint: "a square matrix shape [..., K, K]",
    });
  return shape[r - 1];
}

/** Throws a BijectorError unless the last dimension of `shape` is `k`. */
export function expectLastDim(name: string, what: string, shape: Shape, k: number): void {
  if (shape[shape.length - 1] !== k)
    throw new BijectorError({
      transform: name,
      parameter: what,
      value: shape,
      constraint: `a shape whose last dimension is K = ${k}`,
    });
}

/** Throws a BijectorError unless `n` is an integer ≥ 0 (a number of event dims). */
export function expectCount(name: string, what: string, n: number): void {
  if (!Number.isInteger(n) || n < 0)
    throw new BijectorError({
      transform: name,
      parameter: what,
      value: n,
      constraint: "an integer ≥ 0",
    });
}
