import { checkDim, checkSpan } from "./checks.js";

/**
 * Inverse `X = L⁻¹` of an n×n lower-triangular matrix L: the solve `L X = I` that knows its
 * right-hand side is the identity. X is lower triangular, so row i of X has entries only in
 * columns 0..i, and the forward substitution
 * `X(i, c) = (δ_ic − Σ_{p=c..i−1} L(i,p)·X(p,c)) / L(i,i)` runs each column from its diagonal:
 * n³/6 multiply-adds instead of the n³/2 of a generic `triangularSolve` against a dense I.
 * The operations on every nonzero entry are the ones the generic solve performs (same
 * order of the sums over p), so the result agrees with it to rounding (tested).
 *
 * Layout: L is n×n row-major at `l[lOff ..]`; only its lower triangle (with the diagonal) is
 * read. X is written n×n row-major at `out[outOff ..]` with the strict upper triangle set
 * to 0. `out` must not overlap `l`.
 *
 * Complexity: n³/6 flops, no allocation; the inner loops run along contiguous rows of X.
 *
 * Bad input: returns `false` if a diagonal entry of L is zero or not finite (`out` then holds
 * partial results and must not be used); `true` otherwise. Throws `RangeError` for a bad
 * size, offset or too-short buffer.
 */
export function lowerTriangularInverse(
  l: Float64Array,
  lOff: number,
  n: number,
  out: Float64Array,
  outOff: number,
): boolean {
  checkDim("n", n);
  checkSpan("l", l, lOff, n * n);
  checkSpan("out", out, outOff, n * n);
  for (let i = 0; i < n; i++) {
    const xi = outOff + i * n;
    const li = lOff + i * n;
    // Row i of X starts as row i of I; columns above the diagonal stay 0.
    out.fill(0, xi, xi + n);
    out[xi + i] = 1;
    // x_i ← x_i − Σ_{p<i} L(i,p)·x_p, where x_p is nonzero only in columns 0..p.
    for (let p = 0; p < i; p++) {
      const c = l[li + p];
      if (c === 0) continue;
      const xp = outOff + p * n;
      for (let r = 0; r <= p; r++) out[xi + r] -= c * out[xp + r];
    }
    const d = l[li + i];
    if (d === 0 || !Number.isFinite(d)) return false;
    for (let r = 0; r <= i; r++) out[xi + r] /= d;
  }
  return true;
}
