/**
 * `CorrCholeskyTransform()`: R^{K(K−1)/2} → `correlationCholesky` (the Cholesky factor of
 * a K×K correlation matrix), the construction of the Stan reference manual ("Cholesky
 * factors of correlation matrices") used by NumPyro:
 *
 * 1. r = tanh(x) ∈ (−1, 1), placed row by row into the strictly-lower triangle
 *    (order (1,0), (2,0), (2,1), (3,0), …);
 * 2. stick-breaking of each row's squared norm: L_ij = r_ij · sqrt(∏_{k<j}(1 − r_ik²))
 *    for j < i, L_ii = sqrt(∏_{k<i}(1 − r_ik²)), zeros above the diagonal, so each row
 *    has unit norm.
 *
 * log|det J| (map to the strictly-lower entries of L) =
 *   Σ_{i>j} [ ½ Σ_{k<j} log(1 − r_ik²) + log(1 − r_ij²) ],
 * with log(1 − tanh²x) = 2(log 2 − x − softplus(−2x)) (finite for large |x|).
 *
 * Inverse: r_ij = L_ij / sqrt(Σ_{k=j}^{i} L_ik²) (the remaining squared norm of the row),
 * x = atanh(r). Inputs whose last dimension is not K(K−1)/2 (or non-square matrices for
 * the inverse) throw a BijectorError.
 */
import type { Tensor } from "@sidereal/tensor";
import {
  add,
  cumsum,
  div,
  exp,
  eye,
  flip,
  mul,
  sqrt,
  square,
  sub,
  sum,
  take,
  tanh,
  tensor,
  toTensor,
} from "@sidereal/tensor";
import { correlationCholesky, realVector } from "../constraints/index.js";
import type { Bijector } from "./bijector.js";
import { defineBijector, vectorToMatrixShapes } from "./define.js";
import { atanh, logOneMinusTanhSquared } from "./tanh.js";
import {
  flattenMatrix,
  lastDim,
  padLast,
  sizeFromTriangle,
  squareDim,
  strictLowerGatherIndex,
  strictLowerMask,
  strictLowerPositions,
} from "./util.js";

const NAME = "CorrCholeskyTransform";

/** Strictly-lower matrices of r and of log(1 − r²), and the exclusive row cumsum of the latter. */
function parts(x: Tensor) {
  const k = sizeFromTriangle(NAME, lastDim(NAME, x.shape), false);
  const idx = strictLowerGatherIndex(k);
  const r = take(padLast(tanh(x), 0, 1), idx, -1);
  const l1m = logOneMinusTanhSquared(x);
  const logRem = take(padLast(l1m, 0, 1), idx, -1);
  const excl = sub(cumsum(logRem, -1), logRem);
  return { k, r, l1m, excl };
}

/** The correlation-Cholesky bijector realVector (K(K−1)/2) → correlationCholesky (K×K). */
export function CorrCholeskyTransform(): Bijector {
  const shapes = vectorToMatrixShapes(NAME, false);
  return defineBijector(NAME, [realVector, correlationCholesky], shapes, {
    forward: (x) => {
      const { k, r, excl } = parts(toTensor(x));
      return mul(add(r, eye(k)), exp(mul(0.5, excl)));
    },
    inverse: (l) => {
      const k = squareDim(NAME, l.shape);
      const rem = flip(cumsum(flip(square(l), -1), -1), -1);
      const pos = tensor(strictLowerPositions(k));
      const num = take(flattenMatrix(l), pos, -1);
      const den = take(flattenMatrix(rem), pos, -1);
      return atanh(div(num, sqrt(den)));
    },
    logAbsDetJacobian: (x, _y) => {
      const { k, l1m, excl } = parts(toTensor(x));
      const stick = mul(0.5, sum(mul(excl, strictLowerMask(k)), [-2, -1]));
      return add(stick, sum(l1m, -1));
    },
  });
}
