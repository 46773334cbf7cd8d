import { checkDim, checkSpan } from "./checks.js";
import { luFactor } from "./lu.js";

/** Sign and log-magnitude of a determinant, `det = sign · exp(logAbsDet)`. */
export interface SignedLogDet {
  /** +1 or −1 for a non-singular matrix, 0 when singular, NaN for non-finite input. */
  readonly sign: number;
  /** log|det|; −Infinity when singular, NaN for non-finite input. */
  readonly logAbsDet: number;
}

/**
 * Sign and natural log of |det A| via LU with partial pivoting, like
 * `numpy.linalg.slogdet`: `log|det| = Σ log|u_ii|`, so it neither overflows nor
 * underflows for large n.
 *
 * Layout: A is n×n row-major at `a[off ..]` and is not modified. Optional scratch `lu`
 * (≥ n² elements) and `piv` (≥ n) avoid allocation.
 *
 * Complexity: 2n³/3 flops; allocates n² + n elements only when scratch is not supplied
 * (plus the small result object).
 *
 * Bad input: a singular matrix gives `{ sign: 0, logAbsDet: -Infinity }` (as numpy);
 * NaN/±Inf entries give `{ sign: NaN, logAbsDet: NaN }`. `n = 0` gives
 * `{ sign: 1, logAbsDet: 0 }`. Throws `RangeError` for a bad size, offset or buffer.
 */
export function slogdet(
  a: Float64Array,
  off: number,
  n: number,
  lu: Float64Array = new Float64Array(n * n),
  piv: Int32Array = new Int32Array(n),
): SignedLogDet {
  checkDim("n", n);
  checkSpan("a", a, off, n * n);
  let sign = luFactor(a, off, n, lu, piv, 0);
  if (Number.isNaN(sign)) return { sign: Number.NaN, logAbsDet: Number.NaN };
  if (sign === 0) return { sign: 0, logAbsDet: Number.NEGATIVE_INFINITY };
  let logAbsDet = 0;
  for (let i = 0; i < n; i++) {
    const u = lu[i * n + i];
    if (u < 0) sign = -sign;
    logAbsDet += Math.log(Math.abs(u));
  }
  return { sign, logAbsDet };
}
