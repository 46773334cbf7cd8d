/**
 * Small helpers shared by the discrete, multivariate and mixture distributions
 * (internal; not exported from the package): concrete-value access that tolerates
 * `compile` tracing, parameter validation and support masking.
 */
import {
  broadcastTo,
  CompileError,
  type Shape,
  sum,
  type Tensor,
  type TensorLike,
  toTensor,
  where,
} from "@sidereal/tensor";
import { DistributionError } from "../errors.js";

/**
 * The values of `t`, or `undefined` when `t` is traced inside `compile` (reading a
 * traced tensor throws `CompileError`; validation is then skipped).
 */
export function concreteValues(t: Tensor): Float64Array | undefined {
  try {
    return t.toArray();
  } catch (e) {
    if (e instanceof CompileError || (e as { _tag?: string })._tag === "CompileError")
      return undefined;
    throw e;
  }
}

/**
 * Throws a {@link DistributionError} naming `dist`, `param` and the first offending value
 * when a concrete element of `t` fails `ok`. Traced tensors are not checked.
 */
export function checkParam(
  dist: string,
  param: string,
  t: Tensor,
  ok: (x: number) => boolean,
  requirement: string,
): void {
  const v = concreteValues(t);
  if (v === undefined) return;
  for (let i = 0; i < v.length; i++) {
    if (!ok(v[i])) throw new DistributionError(dist, param, `${requirement}, got ${v[i]}`);
  }
}

export const isFiniteNum = (x: number): boolean => Number.isFinite(x);
export const isPositive = (x: number): boolean => x > 0 && x < Number.POSITIVE_INFINITY;
export const isNonnegative = (x: number): boolean => x >= 0 && x < Number.POSITIVE_INFINITY;
export const isProbability = (x: number): boolean => x >= 0 && x <= 1;
export const isNonnegativeInteger = (x: number): boolean =>
  x >= 0 && Number.isFinite(x) && Math.floor(x) === x;

/** `t` broadcast to `shape` (differentiable; no-op when the shapes agree). */
export function expandTo(t: TensorLike, shape: Shape): Tensor {
  const x = toTensor(t);
  if (x.shape.length === shape.length && x.shape.every((d, i) => d === shape[i])) return x;
  return broadcastTo(x, shape);
}

/** `lp` where `ok` is 1, `-Infinity` elsewhere. */
export function maskSupport(ok: Tensor, lp: Tensor): Tensor {
  return where(ok, lp, Number.NEGATIVE_INFINITY);
}

/** Sums `x` over its rightmost `n` axes (no-op for n = 0). */
export function sumRightmost(x: Tensor, n: number): Tensor {
  if (n <= 0 || x.rank === 0) return x;
  const k = Math.min(n, x.rank);
  return sum(
    x,
    Array.from({ length: k }, (_, i) => x.rank - k + i),
  );
}

/** Product of the entries of a shape. */
export const sizeOfShape = (s: Shape): number => s.reduce((a, b) => a * b, 1);

/** A tensor's shape without its last `n` axes. */
export const dropRight = (s: Shape, n: number): Shape => s.slice(0, s.length - n);

/** Either `{ probs }` or `{ logits }` (exactly one). */
export type ProbsOrLogits =
  | { readonly probs: TensorLike; readonly logits?: undefined }
  | { readonly logits: TensorLike; readonly probs?: undefined };

/** Reads a `{ probs } | { logits }` argument, throwing unless exactly one is given. */
export function probsOrLogits(
  dist: string,
  p: ProbsOrLogits | undefined,
): { kind: "probs" | "logits"; value: Tensor } {
  const hasP = p !== undefined && p.probs !== undefined;
  const hasL = p !== undefined && p.logits !== undefined;
  if (hasP === hasL)
    throw new DistributionError(dist, "probs/logits", "exactly one of probs or logits is required");
  return hasP
    ? { kind: "probs", value: toTensor(p.probs as TensorLike) }
    : { kind: "logits", value: toTensor((p as { logits: TensorLike }).logits) };
}
