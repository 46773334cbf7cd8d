/**
 * `CholeskyTransform()`: `positiveDefinite` → `lowerCholesky`, A ↦ cholesky(A) (NumPyro's
 * `CholeskyTransform`); inverse L ↦ L Lᵀ. With coordinates the lower triangles (incl. the
 * diagonal) of A and L, the map L ↦ L Lᵀ has |det J| = 2^K ∏_{i=0}^{K−1} L_ii^{K−i}
 * (e.g. Muirhead, *Aspects of Multivariate Statistical Theory*, Thm 2.1.9), so
 * log|det ∂L/∂A| = −(K log 2 + Σ_i (K − i) log L_ii). A non-positive-definite A gives a
 * NaN factor (see `cholesky`); non-square input throws a BijectorError.
 */
import {
  add,
  arange,
  cholesky,
  log,
  matmul,
  matrixTranspose,
  mul,
  neg,
  type Shape,
  sub,
  sum,
  type Tensor,
  type TensorLike,
  take,
  tensor,
  toTensor,
} from "@sidereal/tensor";
import { lowerCholesky, positiveDefinite } from "../constraints/index.js";
import type { Bijector } from "./bijector.js";
import { flattenMatrix, squareDim } from "./util.js";

const NAME = "CholeskyTransform";

/** The positive-definite → lower-Cholesky bijector A ↦ chol(A). */
export function CholeskyTransform(): Bijector {
  return {
    name: NAME,
    domain: positiveDefinite,
    codomain: lowerCholesky,
    forward: (x: TensorLike): Tensor => {
      const a = toTensor(x);
      squareDim(NAME, a.shape);
      return cholesky(a);
    },
    inverse: (y: TensorLike): Tensor => {
      const l = toTensor(y);
      squareDim(NAME, l.shape);
      return matmul(l, matrixTranspose(l));
    },
    logAbsDetJacobian: (_x: TensorLike, y: TensorLike): Tensor => {
      const l = toTensor(y);
      const k = squareDim(NAME, l.shape);
      const diag = take(
        flattenMatrix(l),
        tensor(Array.from({ length: k }, (_, i) => i * (k + 1))),
        -1,
      );
      const powers = sub(k, arange(k));
      return neg(add(k * Math.LN2, sum(mul(powers, log(diag)), -1)));
    },
    forwardShape: (s: Shape): Shape => {
      squareDim(NAME, s);
      return s;
    },
    inverseShape: (s: Shape): Shape => {
      squareDim(NAME, s);
      return s;
    },
  };
}
