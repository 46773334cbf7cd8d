/**
 * Small helpers shared by the discrete, multivariate and mixture distributions
 * (internal; not exported from the package): broadcasting, support masking and the
 * probs/logits argument. Parameter validation is the package's one validator
 * (`checkArg` / `validateArgs` in src/validate.ts).
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import { broadcastTo, sum, toTensor, where } from "@sidereal/tensor";
import { DistributionError } from "../errors.js";

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
    throw new DistributionError({
      distribution: dist,
      parameter: "probs/logits",
      constraint: "exactly one of probs or logits is required",
    });
  return hasP
    ? { kind: "probs", value: toTensor(p.probs as TensorLike) }
    : { kind: "logits", value: toTensor((p as { logits: TensorLike }).logits) };
}

/**
 * Both parameterisations from the one given: `{ probs, logits: toLogits(probs) }` or
 * `{ logits, probs: toProbs(logits) }`.
 */
export function bothForms(
  kind: "probs" | "logits",
  value: Tensor,
  toLogits: (p: Tensor) => Tensor,
  toProbs: (l: Tensor) => Tensor,
): { probs: Tensor; logits: Tensor } {
  return kind === "probs"
    ? { probs: value, logits: toLogits(value) }
    : { logits: value, probs: toProbs(value) };
}
