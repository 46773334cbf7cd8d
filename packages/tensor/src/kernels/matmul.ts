import { checkDim, checkSpan } from "./checks.js";

/** Depth of the k-panel kept hot in cache by the i-k-j kernel. */
const KC = 128;
/** Width of the column panel of B kept hot in cache by the i-k-j kernel. */
const NC = 512;

/**
 * General matrix product `out = op(A) · op(B)` on row-major Float64Array storage.
 *
 * Layout: `op(A)` is m×k and `op(B)` is k×n; `out` is m×n row-major starting at `outOff`.
 * With `transA = false` A is stored m×k at `aOff`; with `transA = true` A is stored k×m
 * (row-major) and its transpose is used. Likewise `transB` selects between B stored k×n
 * and B stored n×k. `out` is overwritten (not accumulated into) and must not overlap
 * `a` or `b`.
 *
 * Complexity: O(m·k·n) flops, no allocation. The untransposed-B path is a cache-blocked
 * i-k-j loop that accumulates four rank-1 updates per pass over a row of `out`; the
 * transposed-B path computes four dot products at a time in registers.
 *
 * Bad input: throws `RangeError` if a dimension is not a non-negative integer or a
 * buffer is too short for its span. `k = 0` gives a zero matrix. NaN/Inf propagate per
 * IEEE 754.
 */
export function matmul(
  a: Float64Array,
  aOff: number,
  b: Float64Array,
  bOff: number,
  out: Float64Array,
  outOff: number,
  m: number,
  k: number,
  n: number,
  transA = false,
  transB = false,
): void {
  checkDim("m", m);
  checkDim("k", k);
  checkDim("n", n);
  checkSpan("a", a, aOff, m * k);
  checkSpan("b", b, bOff, k * n);
  checkSpan("out", out, outOff, m * n);
  matmulUnchecked(a, aOff, b, bOff, out, outOff, m, k, n, transA, transB);
}

/**
 * Same contract as {@link matmul} without argument validation; used by batched callers
 * that validate the whole batch once.
 * Layout / complexity: as {@link matmul}. Bad input: undefined results (reads past the
 * end of a typed array yield `undefined` → NaN), never throws.
 */
export function matmulUnchecked(
  a: Float64Array,
  aOff: number,
  b: Float64Array,
  bOff: number,
  out: Float64Array,
  outOff: number,
  m: number,
  k: number,
  n: number,
  transA: boolean,
  transB: boolean,
): void {
  // A(i, p) = a[aOff + i * ais + p * aps]
  const ais = transA ? 1 : k;
  const aps = transA ? m : 1;
  if (transB) {
    dotKernel(a, aOff, ais, aps, b, bOff, out, outOff, m, k, n);
  } else {
    axpyKernel(a, aOff, ais, aps, b, bOff, out, outOff, m, k, n);
  }
}

/** i-k-j kernel for B stored k×n; A addressed through strides. */
function axpyKernel(
  a: Float64Array,
  aOff: number,
  ais: number,
  aps: number,
  b: Float64Array,
  bOff: number,
  out: Float64Array,
  outOff: number,
  m: number,
  k: number,
  n: number,
): void {
  out.fill(0, outOff, outOff + m * n);
  for (let jj = 0; jj < n; jj += NC) {
    const je = Math.min(jj + NC, n);
    for (let pp = 0; pp < k; pp += KC) {
      const pe = Math.min(pp + KC, k);
      for (let i = 0; i < m; i++) {
        const o = outOff + i * n;
        const ar = aOff + i * ais;
        let p = pp;
        for (; p + 3 < pe; p += 4) {
          const a0 = a[ar + p * aps];
          const a1 = a[ar + (p + 1) * aps];
          const a2 = a[ar + (p + 2) * aps];
          const a3 = a[ar + (p + 3) * aps];
          const b0 = bOff + p * n;
          const b1 = b0 + n;
          const b2 = b1 + n;
          const b3 = b2 + n;
          for (let j = jj; j < je; j++) {
            out[o + j] += a0 * b[b0 + j] + a1 * b[b1 + j] + a2 * b[b2 + j] + a3 * b[b3 + j];
          }
        }
        for (; p < pe; p++) {
          const a0 = a[ar + p * aps];
          const b0 = bOff + p * n;
          for (let j = jj; j < je; j++) {
            out[o + j] += a0 * b[b0 + j];
          }
        }
      }
    }
  }
}

/** Dot-product kernel for B stored n×k (so row j of storage is column j of op(B)). */
function dotKernel(
  a: Float64Array,
  aOff: number,
  ais: number,
  aps: number,
  b: Float64Array,
  bOff: number,
  out: Float64Array,
  outOff: number,
  m: number,
  k: number,
  n: number,
): void {
  for (let i = 0; i < m; i++) {
    const ar = aOff + i * ais;
    const o = outOff + i * n;
    let j = 0;
    for (; j + 3 < n; j += 4) {
      const b0 = bOff + j * k;
      const b1 = b0 + k;
      const b2 = b1 + k;
      const b3 = b2 + k;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let p = 0; p < k; p++) {
        const x = a[ar + p * aps];
        s0 += x * b[b0 + p];
        s1 += x * b[b1 + p];
        s2 += x * b[b2 + p];
        s3 += x * b[b3 + p];
      }
      out[o + j] = s0;
      out[o + j + 1] = s1;
      out[o + j + 2] = s2;
      out[o + j + 3] = s3;
    }
    for (; j < n; j++) {
      const b0 = bOff + j * k;
      let s = 0;
      for (let p = 0; p < k; p++) {
        s += a[ar + p * aps] * b[b0 + p];
      }
      out[o + j] = s;
    }
  }
}
