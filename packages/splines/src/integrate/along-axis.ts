/**
 * Applying 1-D quadrature weights along one axis of a tensor, in linear space
 * (Σ_i w_i y_i) and in log space (log Σ_i w_i e^{ℓ_i} by logsumexp of ℓ_i + log w_i).
 */
import {
  add,
  log1mexp,
  logsumexp,
  mul,
  sub,
  sum,
  type Tensor,
  type TensorLike,
  take,
  tensor,
  toTensor,
} from "@sidereal/tensor";
import { SplineShapeError, SplineValueError } from "../errors.js";
import type { Spacing } from "./weights.js";
import { samplePoints } from "./weights.js";

/** The tensor, its normalised axis and the sample points along that axis. */
export function prepare(
  op: string,
  y: TensorLike,
  spacing: Spacing,
  axis: number,
): { t: Tensor; ax: number; x: Float64Array } {
  const t = toTensor(y);
  if (t.rank === 0) throw new SplineShapeError(op, "y must have at least one axis");
  if (!Number.isInteger(axis) || axis < -t.rank || axis >= t.rank)
    throw new SplineShapeError(op, `axis ${axis} out of range for rank ${t.rank}`);
  const ax = axis < 0 ? axis + t.rank : axis;
  return { t, ax, x: samplePoints(op, spacing, t.shape[ax]) };
}

/** Weights shaped to broadcast along `ax` of a tensor of rank `rank`. */
function along(w: Float64Array, ax: number, rank: number): Tensor {
  const shape = Array.from({ length: rank }, (_, i) => (i === ax ? w.length : 1));
  return tensor(w, shape);
}

/** Σ_i w_i y_i along `ax` (the axis is removed). */
export function weightedSum(t: Tensor, w: Float64Array, ax: number): Tensor {
  return sum(mul(t, along(w, ax, t.rank)), ax);
}

/**
 * log Σ_i w_i exp(ℓ_i) along `ax`. All-positive weights: one logsumexp. Mixed signs:
 * log(S₊ - S₋) = L₊ + log1mexp(L₋ - L₊), NaN where the weighted sum is negative.
 * All weights ≤ 0 (decreasing x) throws SplineValueError: the log of a negative
 * integral is undefined.
 */
export function weightedLogSum(op: string, lnY: Tensor, w: Float64Array, ax: number): Tensor {
  const pos: number[] = [];
  const neg: number[] = [];
  w.forEach((v, i) => {
    if (v > 0) pos.push(i);
    else if (v < 0) neg.push(i);
  });
  if (pos.length === 0) {
    if (neg.length === 0) return sub(logsumexp(take(lnY, [0], ax), ax), Infinity);
    throw new SplineValueError(
      op,
      "the integral is negative (is x decreasing?); its log is undefined",
    );
  }
  const part = (idx: number[]) => {
    const lw = Float64Array.from(idx, (i) => Math.log(Math.abs(w[i])));
    const sel = idx.length === w.length ? lnY : take(lnY, idx, ax);
    return logsumexp(add(sel, along(lw, ax, lnY.rank)), ax);
  };
  const lp = part(pos);
  if (neg.length === 0) return lp;
  return add(lp, log1mexp(sub(part(neg), lp)));
}
