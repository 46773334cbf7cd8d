/**
 * Small dense row-major matrix helpers for the Laplace approximation and full-rank ADVI:
 * Cholesky factor (returns undefined when the matrix is not positive definite) and the
 * inverse of a symmetric positive-definite matrix through it. Both adapt the tensor
 * package's kernels (`@sidereal/tensor/kernels`, the one Cholesky and triangular solve in the
 * repository) to an allocate-and-return style.
 */
import { choleskyLower as choleskyKernel, lowerTriangularInverse } from "@sidereal/tensor/kernels";

/** Lower Cholesky factor L (A = LLᵀ) of the n×n matrix `a`, or undefined if not positive definite. */
export function choleskyLower(a: Float64Array, n: number): Float64Array | undefined {
  const l = new Float64Array(n * n);
  return choleskyKernel(a, 0, n, l, 0) ? l : undefined;
}

/**
 * Inverse of an SPD matrix from its Cholesky factor `l`: A⁻¹ = L⁻ᵀ L⁻¹, with L⁻¹ from the
 * tensor kernels' `lowerTriangularInverse` (the solve L X = I that skips the identity's
 * zeros, n³/6) and the product over the lower triangle of L⁻¹ only (it is lower
 * triangular), n³/6 multiply-adds.
 */
export function inverseFromCholesky(l: Float64Array, n: number): Float64Array {
  const li = new Float64Array(n * n);
  lowerTriangularInverse(l, 0, n, li, 0);
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < n; k++) s += li[k * n + i] * li[k * n + j];
      out[i * n + j] = s;
      out[j * n + i] = s;
    }
  return out;
}
