import { checkDim, checkSpan } from "./checks.js";

/**
 * log det A for symmetric positive-definite `A = L·Lᵀ`, from its Cholesky factor:
 * `2 · Σ log L_ii`. Summing logs avoids the overflow/underflow of forming det A.
 *
 * Layout: L is n×n row-major at `l[lOff ..]`; only the diagonal is read.
 *
 * Complexity: O(n), no allocation.
 *
 * Bad input: a diagonal entry ≤ 0 or NaN (not a valid Cholesky factor) gives NaN rather
 * than a misleading number; `n = 0` gives 0. Throws `RangeError` for a bad size, offset
 * or too-short buffer.
 */
export function choleskyLogdet(l: Float64Array, lOff: number, n: number): number {
  checkDim("n", n);
  checkSpan("l", l, lOff, n * n);
  let s = 0;
  for (let i = 0; i < n; i++) {
    const d = l[lOff + i * n + i];
    if (!(d > 0)) return Number.NaN;
    s += Math.log(d);
  }
  return 2 * s;
}
