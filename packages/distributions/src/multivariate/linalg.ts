/**
 * Batched linear-algebra helpers for the multivariate distributions (internal).
 */
import type { Shape, Tensor } from "@sidereal/tensor";
import { eye, flip, matmul, mul, reshape, sum, transpose, triangularSolve } from "@sidereal/tensor";
import { expandTo, sizeOfShape } from "../discrete/util.js";

/** Diagonal of a batch of square matrices `[..., n, n]` → `[..., n]`. */
export function diagonal(m: Tensor): Tensor {
  const n = m.shape[m.rank - 1];
  return sum(mul(m, eye(n)), -1);
}

/** A batch of vectors `[..., n]` → diagonal matrices `[..., n, n]`. */
export function diagEmbed(v: Tensor): Tensor {
  const n = v.shape[v.rank - 1];
  return mul(reshape(v, [...v.shape, 1]), eye(n));
}

/**
 * Solves L z = x for lower-triangular `l` (`[...bl, n, n]`) and vectors `x` (`[..., n]`)
 * whose leading axes broadcast with `bl`. An unbatched `l` solves all vectors at once as
 * the columns of one right-hand side; a batched `l` is broadcast to the common batch.
 */
export function solveLowerVec(l: Tensor, x: Tensor): Tensor {
  const n = l.shape[l.rank - 1];
  if (l.rank === 2) {
    const lead = x.shape.slice(0, -1);
    const cols = sizeOfShape(lead);
    const rhs = transpose(reshape(x, [cols, n]), [1, 0]);
    const z = triangularSolve(l, rhs, { lower: true });
    return reshape(transpose(z, [1, 0]), x.shape);
  }
  const lb = l.shape.slice(0, -2);
  const xb = x.shape.slice(0, -1);
  const r = Math.max(lb.length, xb.length);
  const pad = (s: Shape) => [...Array(r - s.length).fill(1), ...s];
  const batch = pad(lb).map((d, i) => Math.max(d, pad(xb)[i]));
  const lf = expandTo(l, [...batch, n, n]);
  const xf = expandTo(reshape(x, [...x.shape, 1]), [...batch, n, 1]);
  const z = triangularSolve(lf, xf, { lower: true });
  return reshape(z, [...batch, n]);
}

/**
 * Lower Cholesky factor of P⁻¹ from a precision matrix P without forming P⁻¹:
 * with J the reversal permutation and M = chol(J P J), L = J M⁻ᵀ J is lower triangular
 * with L Lᵀ = P⁻¹.
 */
export function choleskyOfInverse(cholFlipped: Tensor): Tensor {
  const n = cholFlipped.shape[cholFlipped.rank - 1];
  const batch = cholFlipped.shape.slice(0, -2);
  const id = expandTo(eye(n), [...batch, n, n]);
  const mInvT = triangularSolve(cholFlipped, id, { lower: true, transpose: true });
  return flip(mInvT, [mInvT.rank - 2, mInvT.rank - 1]);
}

/** x ↦ L x for a batch of matrices and vectors (broadcast batch). */
export function matvec(m: Tensor, v: Tensor): Tensor {
  const out = matmul(m, reshape(v, [...v.shape, 1]));
  return reshape(out, out.shape.slice(0, -1));
}
