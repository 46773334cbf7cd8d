import { checkDim, checkSpan } from "./checks.js";
import { type TriangularSolveOptions, triangularSolve } from "./triangularSolve.js";

/**
 * LU factorisation with partial (row) pivoting, `P · A = L · U` (Golub & Van Loan
 * Alg. 3.4.1, right-looking, row-major).
 *
 * Layout: A is n×n row-major at `a[off ..]`. The factors are written n×n row-major to
 * `lu[luOff ..]`: U on and above the diagonal, the multipliers of the unit lower
 * triangular L strictly below it. `piv` (length ≥ n) receives the row permutation:
 * row i of P·A is row `piv[i]` of A. In-place use (`lu === a`, `luOff === off`) is
 * supported; other overlap is not.
 *
 * Complexity: 2n³/3 flops, no allocation; the trailing update runs along contiguous rows.
 *
 * Returns the sign of the permutation (+1 or −1) when every pivot is non-zero and
 * finite. Bad input: returns 0 when a pivot column is exactly zero (A singular — the
 * factorisation still completes, leaving a zero on U's diagonal, so `lu` is valid but
 * not invertible), and NaN when a pivot is NaN or ±Inf (A contains non-finite values).
 * Throws `RangeError` for a bad size, offset, or too-short buffer.
 */
export function luFactor(
  a: Float64Array,
  off: number,
  n: number,
  lu: Float64Array,
  piv: Int32Array,
  luOff = 0,
): number {
  checkDim("n", n);
  checkSpan("a", a, off, n * n);
  checkSpan("lu", lu, luOff, n * n);
  checkSpan("piv", piv, 0, n);
  if (lu !== a || luOff !== off) {
    lu.set(a.subarray(off, off + n * n), luOff);
  }
  for (let i = 0; i < n; i++) piv[i] = i;
  let sign = 1;
  let singular = false;
  let nonFinite = false;
  for (let j = 0; j < n; j++) {
    // Pivot search down column j. NaN never wins a comparison, so it is flagged here;
    // ±Inf wins and is flagged by the finiteness test on the chosen pivot below.
    let best = j;
    let bestAbs = Math.abs(lu[luOff + j * n + j]);
    if (Number.isNaN(bestAbs)) nonFinite = true;
    for (let i = j + 1; i < n; i++) {
      const v = Math.abs(lu[luOff + i * n + j]);
      if (v > bestAbs) {
        bestAbs = v;
        best = i;
      } else if (Number.isNaN(v)) {
        nonFinite = true;
      }
    }
    if (best !== j) {
      const rj = luOff + j * n;
      const rb = luOff + best * n;
      for (let c = 0; c < n; c++) {
        const tmp = lu[rj + c];
        lu[rj + c] = lu[rb + c];
        lu[rb + c] = tmp;
      }
      const tp = piv[j];
      piv[j] = piv[best];
      piv[best] = tp;
      sign = -sign;
    }
    const rj = luOff + j * n;
    const pivot = lu[rj + j];
    if (!Number.isFinite(pivot)) {
      nonFinite = true;
      continue;
    }
    if (pivot === 0) {
      // Whole column below the diagonal is zero: nothing to eliminate.
      singular = true;
      continue;
    }
    for (let i = j + 1; i < n; i++) {
      const ri = luOff + i * n;
      const l = lu[ri + j] / pivot;
      lu[ri + j] = l;
      // No skip for l === 0: 0·Inf must still become NaN so non-finite input is reported.
      for (let c = j + 1; c < n; c++) {
        lu[ri + c] -= l * lu[rj + c];
      }
    }
  }
  if (nonFinite) return Number.NaN;
  return singular ? 0 : sign;
}

const LOWER_UNIT: TriangularSolveOptions = { lower: true, transpose: false, unitDiagonal: true };
const UPPER: TriangularSolveOptions = { lower: false, transpose: false, unitDiagonal: false };

/**
 * Solves `A · X = B` given the output of {@link luFactor} (`P·A = L·U`): permutes the rows
 * of B, then forward-substitutes with unit-lower L and back-substitutes with U.
 *
 * Layout: `lu` n×n row-major at `luOff`; `piv` as produced by {@link luFactor}; B and X
 * n×nrhs row-major at `b[bOff ..]` and `out[outOff ..]`. `out` must not overlap `b`
 * (the row permutation is applied while copying) nor `lu`.
 *
 * Complexity: 2n²·nrhs flops, no allocation.
 *
 * Bad input: returns `false` if U has a zero or non-finite diagonal entry (A singular
 * or non-finite; `out` then holds partial results), `true` otherwise. Throws
 * `RangeError` for bad sizes, offsets, short buffers, or a `piv` entry outside [0, n).
 */
export function luSolve(
  lu: Float64Array,
  luOff: number,
  n: number,
  piv: Int32Array,
  b: Float64Array,
  bOff: number,
  nrhs: number,
  out: Float64Array,
  outOff: number,
): boolean {
  checkDim("n", n);
  checkDim("nrhs", nrhs);
  checkSpan("lu", lu, luOff, n * n);
  checkSpan("piv", piv, 0, n);
  checkSpan("b", b, bOff, n * nrhs);
  checkSpan("out", out, outOff, n * nrhs);
  for (let i = 0; i < n; i++) {
    const src = piv[i];
    if (src < 0 || src >= n) throw new RangeError(`piv[${i}] = ${src} is outside [0, ${n})`);
    const so = bOff + src * nrhs;
    const dO = outOff + i * nrhs;
    for (let r = 0; r < nrhs; r++) out[dO + r] = b[so + r];
  }
  triangularSolve(lu, luOff, n, out, outOff, nrhs, out, outOff, LOWER_UNIT);
  return triangularSolve(lu, luOff, n, out, outOff, nrhs, out, outOff, UPPER);
}
