/**
 * Small dense row-major matrix helpers for the Laplace approximation and full-rank ADVI:
 * Cholesky factor (returns undefined when the matrix is not positive definite) and the
 * inverse of a symmetric positive-definite matrix through it. Both adapt the tensor
 * package's kernels (`@sidereal/tensor/kernels`, the one Cholesky and triangular solve in the
 * repository) to an allocate-and-return style.
 */
import { choleskyLower as choleskyKernel, triangularSolve } from "@sidereal/tensor/kernels";

/** Lower Cholesky factor L (A = LLᵀ) of the n×n matrix `a`, or undefined if not positive definite. */
export function choleskyLower(a: Float64Array, n: number): Float64Array | undefined {
  const l = new Float64Array(n * n);
  return choleskyKernel(a, 0, n, l, 0) ? l : undefined;
}

/** Inverse of an SPD matrix from its Cholesky factor `l`: A⁻¹ = L⁻ᵀ (L⁻¹ I), two triangular solves. */
export function inverseFromCholesky(l: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) out[i * n + i] = 1;
  triangularSolve(l, 0, n, out, 0, n, out, 0);
  triangularSolve(l, 0, n, out, 0, n, out, 0, { transpose: true });
  // symmetric by construction up to rounding; mirror the lower triangle so it is exactly so
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) out[j * n + i] = out[i * n + j];
  return out;
}
