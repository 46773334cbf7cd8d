import { threefry2x32Into } from "./threefry.js";

const BLOCK = new Uint32Array(2);

/**
 * Writes `threefry_2x32(key, iota(count))` into `out[0..count)`, following JAX's layout
 * (`jax._src.prng.threefry_2x32` as described in the JAX PRNG design note): the counter vector
 * `0, 1, ..., count-1` is padded with one zero when `count` is odd, cut into halves `a` and `b`
 * of length `m = ceil(count / 2)`, block `i` encrypts the pair `(a[i], b[i]) = (i, m + i)`, and
 * the result is `concat(y0, y1)` truncated to `count` words.
 *
 * Used by `split` and `randomBits`. `count` must be below 2^32.
 */
export function threefryIota(k0: number, k1: number, count: number, out: Uint32Array): void {
  const m = Math.ceil(count / 2);
  for (let i = 0; i < m; i++) {
    const j = m + i;
    if (j < count) {
      threefry2x32Into(k0, k1, i, j, BLOCK, 0);
      out[i] = BLOCK[0]!;
      out[j] = BLOCK[1]!;
    } else {
      threefry2x32Into(k0, k1, i, 0, BLOCK, 0);
      out[i] = BLOCK[0]!;
    }
  }
}
