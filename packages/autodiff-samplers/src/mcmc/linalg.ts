import { McmcValueError } from "./errors.js";

/**
 * Lower Cholesky factor `L` (row-major `d×d`, upper triangle zero) of a symmetric positive
 * definite row-major matrix `a`, so that `a = L Lᵀ`; only the lower triangle of `a` is read.
 * Throws {@link McmcValueError} if a pivot is not strictly positive and finite.
 */
export function choleskyLower(a: Float64Array, d: number): Float64Array {
  const l = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    let s = a[j * d + j];
    for (let k = 0; k < j; k++) s -= l[j * d + k] * l[j * d + k];
    if (!(s > 0) || !Number.isFinite(s)) {
      throw new McmcValueError(`inverse mass matrix is not positive definite (pivot ${j} is ${s})`);
    }
    const ljj = Math.sqrt(s);
    l[j * d + j] = ljj;
    for (let i = j + 1; i < d; i++) {
      let t = a[i * d + j];
      for (let k = 0; k < j; k++) t -= l[i * d + k] * l[j * d + k];
      l[i * d + j] = t / ljj;
    }
  }
  return l;
}

/** `out = A x` for a row-major `d×d` matrix `A`; `out` must not alias `x`. */
export function matVec(a: Float64Array, x: Float64Array, out: Float64Array, d: number): void {
  for (let i = 0; i < d; i++) {
    let s = 0;
    const row = i * d;
    for (let j = 0; j < d; j++) s += a[row + j] * x[j];
    out[i] = s;
  }
}

/** Solves `Lᵀ x = b` in place (`b` becomes `x`) for a lower-triangular row-major `L`. */
export function solveLowerTransposeInPlace(l: Float64Array, b: Float64Array, d: number): void {
  for (let i = d - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < d; k++) s -= l[k * d + i] * b[k];
    b[i] = s / l[i * d + i];
  }
}

/** Dot product of the first `d` entries of `a` and `b`. */
export function dot(a: Float64Array, b: Float64Array, d: number): number {
  let s = 0;
  for (let i = 0; i < d; i++) s += a[i] * b[i];
  return s;
}
