import { checkDim, checkSpan } from "./checks.js";
import { matmulUnchecked } from "./matmul.js";

/**
 * Batched matrix product: for `t = 0 .. batch-1`,
 * `out[outOff + t·outStride ..] = op(A_t) · op(B_t)` with
 * `A_t = a[aOff + t·aStride ..]` and `B_t = b[bOff + t·bStride ..]`.
 *
 * Layout: each matrix is row-major exactly as in {@link matmul} (op(A) m×k, op(B) k×n,
 * out m×n; `transA`/`transB` select transposed storage). Strides are in elements; a
 * stride of 0 broadcasts one matrix across the batch (e.g. a shared weight matrix).
 * `outStride` must be at least m·n when `batch > 1` so outputs do not overlap; output
 * must not overlap the inputs.
 *
 * Complexity: O(batch·m·k·n) flops, no allocation; arguments are validated once.
 *
 * Bad input: throws `RangeError` for non-integer or negative sizes/strides, an
 * `outStride` smaller than m·n with `batch > 1`, or a buffer too short for the last
 * batch element. `batch = 0` is a no-op.
 */
export function batchedMatmul(
  batch: number,
  a: Float64Array,
  aOff: number,
  aStride: number,
  b: Float64Array,
  bOff: number,
  bStride: number,
  out: Float64Array,
  outOff: number,
  outStride: number,
  m: number,
  k: number,
  n: number,
  transA = false,
  transB = false,
): void {
  checkDim("batch", batch);
  checkDim("m", m);
  checkDim("k", k);
  checkDim("n", n);
  checkDim("aStride", aStride);
  checkDim("bStride", bStride);
  checkDim("outStride", outStride);
  if (batch === 0) return;
  if (batch > 1 && outStride < m * n) {
    throw new RangeError(`outStride ${outStride} would overlap outputs of size ${m * n}`);
  }
  const last = batch - 1;
  checkSpan("a", a, aOff, m * k > 0 ? last * aStride + m * k : 0);
  checkSpan("b", b, bOff, k * n > 0 ? last * bStride + k * n : 0);
  checkSpan("out", out, outOff, m * n > 0 ? last * outStride + m * n : 0);
  for (let t = 0; t < batch; t++) {
    matmulUnchecked(
      a,
      aOff + t * aStride,
      b,
      bOff + t * bStride,
      out,
      outOff + t * outStride,
      m,
      k,
      n,
      transA,
      transB,
    );
  }
}
