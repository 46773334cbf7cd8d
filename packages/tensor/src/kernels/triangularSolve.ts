import { checkDim, checkSpan } from "./checks.js";

/** Which triangle of the matrix is used and how it is applied. */
export interface TriangularSolveOptions {
  /** Use the lower triangle (default `true`); otherwise the upper triangle. */
  readonly lower?: boolean;
  /** Solve with the transpose of the triangle (default `false`). */
  readonly transpose?: boolean;
  /** Treat the diagonal as all ones without reading it (default `false`). */
  readonly unitDiagonal?: boolean;
}

const DEFAULT_OPTIONS: TriangularSolveOptions = {};

/**
 * Solves `op(T) · X = B` for X by forward or backward substitution, for several
 * right-hand sides at once. `op(T)` is T or Tᵀ, and T is the lower or upper triangle of
 * the n×n matrix at `t[tOff ..]` (the other triangle is never read, nor the diagonal
 * when `unitDiagonal`).
 *
 * Layout: T is n×n row-major; B and X are n×nrhs row-major at `b[bOff ..]` and
 * `out[outOff ..]`. In-place use (`out === b`, `outOff === bOff`) is supported; any other
 * overlap between `out` and `b` or `t` is not.
 *
 * Complexity: n²·nrhs flops, no allocation; inner loops run along contiguous rows of X.
 *
 * Bad input: returns `false` if a diagonal entry used as a divisor is zero or not
 * finite (T singular or containing NaN/Inf) — `out` then holds partial results and must
 * not be used. Returns `true` otherwise. Throws `RangeError` for bad sizes, offsets or
 * too-short buffers.
 */
export function triangularSolve(
  t: Float64Array,
  tOff: number,
  n: number,
  b: Float64Array,
  bOff: number,
  nrhs: number,
  out: Float64Array,
  outOff: number,
  options: TriangularSolveOptions = DEFAULT_OPTIONS,
): boolean {
  checkDim("n", n);
  checkDim("nrhs", nrhs);
  checkSpan("t", t, tOff, n * n);
  checkSpan("b", b, bOff, n * nrhs);
  checkSpan("out", out, outOff, n * nrhs);
  const lower = options.lower ?? true;
  const transpose = options.transpose ?? false;
  const unit = options.unitDiagonal ?? false;
  if (out !== b || outOff !== bOff) {
    out.set(b.subarray(bOff, bOff + n * nrhs), outOff);
  }
  // op(T) is lower-triangular exactly when (lower XOR transpose).
  const forward = lower !== transpose;
  // op(T)(i, p) = t[tOff + i * rs + p * cs]
  const rs = transpose ? 1 : n;
  const cs = transpose ? n : 1;
  if (forward) {
    for (let i = 0; i < n; i++) {
      if (!substituteRow(t, tOff, rs, cs, out, outOff, nrhs, i, 0, i, unit)) return false;
    }
  } else {
    for (let i = n - 1; i >= 0; i--) {
      if (!substituteRow(t, tOff, rs, cs, out, outOff, nrhs, i, i + 1, n, unit)) return false;
    }
  }
  return true;
}

/**
 * Row i of X: `x_i ← (x_i − Σ_{p∈[p0,p1)} T(i,p)·x_p) / T(i,i)`, with rows of X contiguous.
 * Returns false on a zero or non-finite divisor.
 */
function substituteRow(
  t: Float64Array,
  tOff: number,
  rs: number,
  cs: number,
  x: Float64Array,
  xOff: number,
  nrhs: number,
  i: number,
  p0: number,
  p1: number,
  unit: boolean,
): boolean {
  const ri = xOff + i * nrhs;
  const ti = tOff + i * rs;
  for (let p = p0; p < p1; p++) {
    const c = t[ti + p * cs];
    if (c === 0) continue;
    const rp = xOff + p * nrhs;
    for (let r = 0; r < nrhs; r++) {
      x[ri + r] -= c * x[rp + r];
    }
  }
  if (!unit) {
    const d = t[ti + i * cs];
    if (d === 0 || !Number.isFinite(d)) return false;
    for (let r = 0; r < nrhs; r++) {
      x[ri + r] /= d;
    }
  }
  return true;
}
