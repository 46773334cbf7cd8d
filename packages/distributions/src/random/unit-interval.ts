import { threefry2x32Into } from "./threefry.js";

const BLOCK = new Uint32Array(2);
const TWO_20 = 2 ** 20;
const TWO_M52 = 2 ** -52;
const HALF_ULP = 2 ** -53;

/**
 * The float64 in `[0, 1)` built from the top 52 bits of the 64-bit word `hi * 2^32 + lo`:
 * `floor((hi * 2^32 + lo) / 2^12) / 2^52`. This equals JAX's float64 construction (shift the
 * 64 random bits right by 12, OR in the exponent of 1.0, reinterpret, subtract 1).
 */
export function wordsToUnit(hi: number, lo: number): number {
  return (hi * TWO_20 + (lo >>> 12)) * TWO_M52;
}

/**
 * The float64 in the open interval `(0, 1)` at the midpoint of the cell of
 * {@link wordsToUnit}: `(m + 1/2) / 2^52` with `m` the top 52 bits. Both `p` and `1 - p` are
 * exact, which the inverse-CDF and logarithm based samplers rely on.
 */
export function wordsToOpenUnit(hi: number, lo: number): number {
  return (hi * TWO_20 + (lo >>> 12)) * TWO_M52 + HALF_ULP;
}

/**
 * Fills `out[0..n)` with JAX-compatible float64 uniforms in `[0, 1)` for `key = (k0, k1)`:
 * element `i` takes its 64 random bits from the Threefry block with counter `(i, n + i)`
 * (high word first), which is JAX's `random_bits(key, 64, (n,))` layout.
 */
export function fillUnit(k0: number, k1: number, n: number, out: Float64Array): void {
  for (let i = 0; i < n; i++) {
    threefry2x32Into(k0, k1, i, n + i, BLOCK, 0);
    out[i] = (BLOCK[0]! * TWO_20 + (BLOCK[1]! >>> 12)) * TWO_M52;
  }
}
