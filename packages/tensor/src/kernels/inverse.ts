import { checkDim, checkSpan } from "./checks.js";
import { luFactor } from "./lu.js";
import { type TriangularSolveOptions, triangularSolve } from "./triangularSolve.js";

const LOWER_UNIT: TriangularSolveOptions = { lower: true, transpose: false, unitDiagonal: true };
const UPPER: TriangularSolveOptions = { lower: false, transpose: false, unitDiagonal: false };

/**
 * Matrix inverse via LU with partial pivoting: factors `P·A = L·U`, writes the permuted
 * identity `P` into `out` and solves `L·U·X = P` in place, so `X = A⁻¹`.
 *
 * Layout: A is n×n row-major at `a[off ..]`, A⁻¹ is written n×n row-major at
 * `out[outOff ..]`; `out` may be the same region as A (in-place inversion). Optional
 * scratch `lu` (≥ n² elements) and `piv` (≥ n) avoid allocation on hot paths; they must
 * not overlap `a` or `out`.
 *
 * Complexity: 2n³ flops; allocates n² + n elements only when scratch is not supplied.
 *
 * Bad input: returns `false` when A is exactly singular or contains NaN/±Inf (a zero or
 * non-finite pivot); `out` is then unspecified. Throws `RangeError` for bad sizes,
 * offsets, or too-short buffers.
 */
export function inverse(
  a: Float64Array,
  off: number,
  n: number,
  out: Float64Array,
  outOff: number,
  lu: Float64Array = new Float64Array(n * n),
  piv: Int32Array = new Int32Array(n),
): boolean {
  checkDim("n", n);
  checkSpan("a", a, off, n * n);
  checkSpan("out", out, outOff, n * n);
  const sign = luFactor(a, off, n, lu, piv, 0);
  if (sign !== 1 && sign !== -1) return false;
  out.fill(0, outOff, outOff + n * n);
  for (let i = 0; i < n; i++) out[outOff + i * n + piv[i]] = 1;
  triangularSolve(lu, 0, n, out, outOff, n, out, outOff, LOWER_UNIT);
  return triangularSolve(lu, 0, n, out, outOff, n, out, outOff, UPPER);
}
