/**
 * Small dense d×d routines on row-major `Float64Array`s (d is the number of features, so these
 * are tiny). The Cholesky factorisation and the lower-triangular inverse are the tensor package's
 * kernels (`@sidereal/tensor/kernels`, the one implementation in the repository); this module
 * adapts them to the allocate-and-return style of the solver. Nothing here forms an explicit
 * inverse of a covariance: only triangular factors are inverted, as scikit-learn's
 * `_compute_precision_cholesky` does.
 */
import { choleskyLower as choleskyKernel, lowerTriangularInverse } from "@sidereal/tensor/kernels";

/**
 * Lower Cholesky factor `L` (row-major, zero above the diagonal) of the symmetric matrix `a`
 * (only its lower triangle is read) at `a[off … off + d²)`, so that `a = L Lᵀ`. Returns `null`
 * when `a` is not (numerically) positive definite, i.e. a pivot is ≤ 0 or not finite.
 */
export function choleskyLower(a: Float64Array, d: number, off = 0): Float64Array | null {
  const L = new Float64Array(d * d);
  return choleskyKernel(a, off, d, L, 0) ? L : null;
}

/** Inverse of a lower-triangular matrix: the kernels' solve `L X = I` that skips I's zeros. */
export function invertLower(L: Float64Array, d: number): Float64Array {
  const inv = new Float64Array(d * d);
  lowerTriangularInverse(L, 0, d, inv, 0);
  return inv;
}

/** Transpose of a row-major d×d matrix. */
export function transpose(a: Float64Array, d: number): Float64Array {
  const t = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) t[j * d + i] = a[i * d + j]!;
  return t;
}

/** Row-major product `A B` of two d×d matrices. */
export function matmul(a: Float64Array, b: Float64Array, d: number): Float64Array {
  const c = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let k = 0; k < d; k++) {
      const aik = a[i * d + k]!;
      if (aik === 0) continue;
      for (let j = 0; j < d; j++) c[i * d + j] += aik * b[k * d + j]!;
    }
  }
  return c;
}

/** `A Aᵀ` for a row-major d×d matrix `A`. */
export function aat(a: Float64Array, d: number): Float64Array {
  const c = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += a[i * d + k]! * a[j * d + k]!;
      c[i * d + j] = s;
      c[j * d + i] = s;
    }
  }
  return c;
}

/** Sum of the logs of the diagonal of a d×d matrix (the log-determinant of a triangular one). */
export function sumLogDiag(a: Float64Array, d: number, off = 0): number {
  let s = 0;
  for (let i = 0; i < d; i++) s += Math.log(a[off + i * d + i]!);
  return s;
}

/** Whether a d×d matrix is lower triangular (exactly zero above the diagonal). */
export function isLowerTriangular(a: Float64Array, d: number, off = 0): boolean {
  for (let i = 0; i < d; i++)
    for (let j = i + 1; j < d; j++) if (a[off + i * d + j] !== 0) return false;
  return true;
}
