/**
 * `LowerCholeskyAffine(loc, scaleTril)`: y = loc + L x for vectors x ∈ R^K (NumPyro's
 * `LowerCholeskyAffine`), with L = `scaleTril` a lower-triangular K×K matrix with positive
 * diagonal (batched L and loc broadcast with x). Inverse: x = L⁻¹ (y − loc) by a triangular
 * solve. log|det J| = Σ_i log|L_ii|, broadcast to the batch shape of y.
 * Throws a BijectorError when `scaleTril` is not [..., K, K] or loc's last dim is not K
 * (entries above the diagonal are ignored, as a triangular solve would).
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import {
  abs,
  add,
  broadcastTo,
  expandDims,
  log,
  matmul,
  matrixTranspose,
  mul,
  reshape,
  squeeze,
  sub,
  sum,
  tensor,
  toTensor,
  triangularSolve,
} from "@sidereal/tensor";
import { realVector } from "../constraints/index.js";
import type { Bijector } from "./bijector.js";
import { diagonalOf } from "./define.js";
import { broadcastOrThrow, expectLastDim, lastDim, squareDim } from "./util.js";

const NAME = "LowerCholeskyAffine";

/** The multivariate affine bijector y = loc + scaleTril · x. */
export function LowerCholeskyAffine(loc: TensorLike, scaleTril: TensorLike): Bijector {
  const m = toTensor(scaleTril);
  const l = toTensor(loc);
  const k = squareDim(NAME, m.shape, "scaleTril");
  if (l.rank > 0) expectLastDim(NAME, "loc", l.shape, k);
  const lowerMask = tensor(
    Array.from({ length: k * k }, (_, p) => (Math.floor(p / k) >= p % k ? 1 : 0)),
    [k, k],
  );
  const tril = mul(m, lowerMask);
  const logDiag = sum(log(abs(diagonalOf(m, k))), -1);
  const batchOf = (s: Shape): Shape => {
    lastDim(NAME, s);
    expectLastDim(NAME, "input", s, k);
    const lb = l.rank > 0 ? l.shape.slice(0, -1) : [];
    return broadcastOrThrow(NAME, s.slice(0, -1), m.shape.slice(0, -2), lb);
  };
  const solveBatched = (r: Tensor): Tensor => {
    const batch = broadcastOrThrow(NAME, r.shape.slice(0, -1), m.shape.slice(0, -2));
    if (m.rank === 2) {
      // one matrix: solve for all right-hand sides at once, L X = Rᵀ
      const rhs = matrixTranspose(reshape(broadcastTo(r, [...batch, k]), [-1, k]));
      const sol = triangularSolve(tril, rhs, { lower: true });
      return reshape(matrixTranspose(sol), [...batch, k]);
    }
    const lb = broadcastTo(tril, [...batch, k, k]);
    return triangularSolve(lb, broadcastTo(r, [...batch, k]), { lower: true });
  };
  return {
    name: NAME,
    domain: realVector,
    codomain: realVector,
    forward: (x: TensorLike): Tensor =>
      add(l, squeeze(matmul(tril, expandDims(toTensor(x), -1)), -1)),
    inverse: (y: TensorLike): Tensor => solveBatched(sub(y, l)),
    logAbsDetJacobian: (x: TensorLike): Tensor => broadcastTo(logDiag, batchOf(toTensor(x).shape)),
    forwardShape: (s: Shape): Shape => [...batchOf(s), k],
    inverseShape: (s: Shape): Shape => [...batchOf(s), k],
  };
}
