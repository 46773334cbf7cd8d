/**
 * `LowerCholeskyTransform()`: R^{K(K+1)/2} → `lowerCholesky` (NumPyro's layout): the first
 * K(K−1)/2 entries fill the strictly-lower triangle row by row ((1,0), (2,0), (2,1), …),
 * the last K entries are the logs of the diagonal: L_ii = exp(x_{M+i}), M = K(K−1)/2.
 * log|det J| (map to the lower triangle incl. the diagonal) = Σ_i x_{M+i}.
 * Inverse reads the strictly-lower entries and log of the diagonal (NaN/-Infinity for a
 * non-positive diagonal). A last dimension that is not K(K+1)/2 throws a BijectorError.
 */
import {
  add,
  concat,
  exp,
  expandDims,
  eye,
  log,
  mul,
  type Shape,
  sum,
  type Tensor,
  type TensorLike,
  take,
  tensor,
  toTensor,
} from "@sidereal/tensor";
import { lowerCholesky, realVector } from "../constraints/index.js";
import type { Bijector } from "./bijector.js";
import {
  flattenMatrix,
  lastDim,
  padLast,
  sizeFromLower,
  sliceLast,
  squareDim,
  strictLowerGatherIndex,
  strictLowerPositions,
} from "./util.js";

const NAME = "LowerCholeskyTransform";

/** The unconstrained-vector → lower-Cholesky bijector (exp on the diagonal). */
export function LowerCholeskyTransform(): Bijector {
  return {
    name: NAME,
    domain: realVector,
    codomain: lowerCholesky,
    forward: (x: TensorLike): Tensor => {
      const t = toTensor(x);
      const k = sizeFromLower(NAME, lastDim(NAME, t.shape));
      const m = (k * (k - 1)) / 2;
      const off = take(padLast(sliceLast(t, 0, m), 0, 1), strictLowerGatherIndex(k), -1);
      const diag = mul(eye(k), expandDims(exp(sliceLast(t, m, null)), -2));
      return add(off, diag);
    },
    inverse: (y: TensorLike): Tensor => {
      const l = toTensor(y);
      const k = squareDim(NAME, l.shape);
      const flat = flattenMatrix(l);
      const off = take(flat, tensor(strictLowerPositions(k)), -1);
      const diag = take(flat, tensor(Array.from({ length: k }, (_, i) => i * (k + 1))), -1);
      return concat([off, log(diag)], -1);
    },
    logAbsDetJacobian: (x: TensorLike): Tensor => {
      const t = toTensor(x);
      const k = sizeFromLower(NAME, lastDim(NAME, t.shape));
      return sum(sliceLast(t, (k * (k - 1)) / 2, null), -1);
    },
    forwardShape: (s: Shape): Shape => {
      const k = sizeFromLower(NAME, lastDim(NAME, s));
      return [...s.slice(0, -1), k, k];
    },
    inverseShape: (s: Shape): Shape => {
      const k = squareDim(NAME, s);
      return [...s.slice(0, -2), (k * (k + 1)) / 2];
    },
  };
}
