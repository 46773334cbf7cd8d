import { checkDim, checkSpan } from "./checks.js";

/**
 * Cholesky factorisation `A = L · Lᵀ` of a symmetric positive-definite matrix
 * (row-oriented Cholesky–Crout / Cholesky–Banachiewicz, Golub & Van Loan §4.2).
 *
 * Layout: A is n×n row-major at `a[off ..]`; only its lower triangle (including the
 * diagonal) is read. L is written n×n row-major at `out[outOff ..]` with the strict upper
 * triangle set to 0. In-place use (`out === a`, `outOff === off`) is supported; any
 * other overlap is not.
 *
 * Complexity: n³/3 flops, no allocation; the inner loops are contiguous dot products.
 *
 * Bad input: returns `false` as soon as a pivot is not a finite positive number — the
 * matrix is not (numerically) positive definite, or contains NaN/±Inf. `out` then holds
 * a partial factor and must not be used. Never returns `true` with NaN in L. Throws
 * `RangeError` for a bad size, offset or too-short buffer. `n = 0` returns `true`.
 */
export function choleskyLower(
  a: Float64Array,
  off: number,
  n: number,
  out: Float64Array,
  outOff: number,
): boolean {
  checkDim("n", n);
  checkSpan("a", a, off, n * n);
  checkSpan("out", out, outOff, n * n);
  for (let i = 0; i < n; i++) {
    const ri = outOff + i * n;
    const ai = off + i * n;
    for (let j = 0; j < i; j++) {
      const rj = outOff + j * n;
      let s = a[ai + j];
      for (let p = 0; p < j; p++) {
        s -= out[ri + p] * out[rj + p];
      }
      out[ri + j] = s / out[rj + j];
    }
    let d = a[ai + i];
    for (let p = 0; p < i; p++) {
      const v = out[ri + p];
      d -= v * v;
    }
    // `!(d > 0)` also catches NaN; the finiteness test catches +Inf.
    if (!(d > 0) || d === Number.POSITIVE_INFINITY) return false;
    out[ri + i] = Math.sqrt(d);
    for (let j = i + 1; j < n; j++) {
      out[ri + j] = 0;
    }
  }
  return true;
}
