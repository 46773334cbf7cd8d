/**
 * The small dense solves of the compact L-BFGS-B matrices (row-major k×k, k ≤ 2m), as
 * adapters over `@sidereal/tensor/kernels` with the allocation and failure conventions the
 * optimiser wants (fresh result arrays, `false`/`null` for a singular system).
 */
import {
  choleskyLower,
  choleskySolve as choleskySolveKernel,
  luFactor,
  luSolve as luSolveKernel,
} from "@sidereal/tensor/kernels";

/** Dot product of two equally long vectors. */
export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * In-place Cholesky factorisation A = LLᵀ of a symmetric positive-definite k×k matrix
 * (the lower triangle is read; `a` is overwritten with L, upper triangle zero). Returns
 * false when the matrix is not numerically positive definite.
 */
export function choleskyInPlace(a: Float64Array, k: number): boolean {
  return choleskyLower(a, 0, k, a, 0);
}

/** Solves LLᵀx = b given the factor from {@link choleskyInPlace}; returns a fresh x. */
export function choleskySolve(l: Float64Array, k: number, b: Float64Array): Float64Array {
  const x = new Float64Array(k);
  choleskySolveKernel(l, 0, k, b, 0, 1, x, 0);
  return x;
}

/**
 * Solves the general k×k system Ax = b (LU with partial pivoting); `a` and `b` are not
 * modified. Returns null when A is singular or the solution is not finite.
 */
export function luSolve(a: Float64Array, k: number, b: Float64Array): Float64Array | null {
  const lu = new Float64Array(k * k);
  const piv = new Int32Array(k);
  const sign = luFactor(a, 0, k, lu, piv, 0);
  if (sign === 0 || Number.isNaN(sign)) return null;
  const x = new Float64Array(k);
  if (!luSolveKernel(lu, 0, k, piv, b, 0, 1, x, 0)) return null;
  for (let i = 0; i < k; i++) if (!Number.isFinite(x[i])) return null;
  return x;
}
