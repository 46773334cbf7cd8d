import { checkDim, checkSpan } from "./checks.js";
import { type TriangularSolveOptions, triangularSolve } from "./triangularSolve.js";

const L_SOLVE: TriangularSolveOptions = { lower: true, transpose: false, unitDiagonal: false };
const LT_SOLVE: TriangularSolveOptions = { lower: true, transpose: true, unitDiagonal: false };

/**
 * Solves `A · X = B` for symmetric positive-definite A given its Cholesky factor
 * (`A = L·Lᵀ`, from {@link choleskyLower}): forward substitution with L, then backward
 * substitution with Lᵀ.
 *
 * Layout: L is n×n row-major at `l[lOff ..]` (only the lower triangle is read); B and X
 * are n×nrhs row-major at `b[bOff ..]` and `out[outOff ..]`. In-place use
 * (`out === b`, `outOff === bOff`) is supported.
 *
 * Complexity: 2n²·nrhs flops, no allocation.
 *
 * Bad input: returns `false` if L has a zero or non-finite diagonal entry (not a valid
 * factor; `out` then holds partial results), `true` otherwise. Throws `RangeError` for
 * bad sizes, offsets or too-short buffers.
 */
export function choleskySolve(
  l: Float64Array,
  lOff: number,
  n: number,
  b: Float64Array,
  bOff: number,
  nrhs: number,
  out: Float64Array,
  outOff: number,
): boolean {
  checkDim("n", n);
  checkDim("nrhs", nrhs);
  checkSpan("l", l, lOff, n * n);
  checkSpan("b", b, bOff, n * nrhs);
  checkSpan("out", out, outOff, n * nrhs);
  if (!triangularSolve(l, lOff, n, b, bOff, nrhs, out, outOff, L_SOLVE)) return false;
  return triangularSolve(l, lOff, n, out, outOff, nrhs, out, outOff, LT_SOLVE);
}
