import { threefryIota } from "./counters.js";
import type { PRNGKey } from "./key.js";
import { invalidArgument } from "./random-error.js";
import { splitWords } from "./split.js";

const PACK_LIMIT = 2 ** 21;

/**
 * Reorders `x` in place by ascending `sortKeys`, ties broken by position (a stable sort).
 * For `n <= 2^21` the key and position are packed exactly into one float64 and sorted
 * numerically; larger inputs use a comparator sort.
 */
function sortByKeys(x: Int32Array, sortKeys: Uint32Array): void {
  const n = x.length;
  const src = x.slice();
  if (n <= PACK_LIMIT) {
    const packed = new Float64Array(n);
    for (let i = 0; i < n; i++) packed[i] = sortKeys[i]! * PACK_LIMIT + i;
    packed.sort();
    for (let i = 0; i < n; i++) x[i] = src[packed[i]! % PACK_LIMIT]!;
    return;
  }
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => sortKeys[a]! - sortKeys[b]! || a - b);
  for (let i = 0; i < n; i++) x[i] = src[order[i]!]!;
}

/**
 * A uniformly random permutation of `0, 1, ..., n-1`, following the construction of
 * `jax.random.permutation(key, n)` (JAX's `_shuffle`): `rounds = ceil(3 ln(max(1, n)) /
 * ln(2^32 - 1))` rounds (1 round up to n = 1625, 2 up to ~2.6e6), each doing
 * `(key, sub) = split(key)` and stably sorting the current array by `randomBits(sub, [n])`.
 * (JAX's sort is not guaranteed stable; results can differ from JAX only when two 32-bit sort
 * keys collide.)
 */
export function permutation(k: PRNGKey, n: number): Int32Array {
  if (!Number.isInteger(n) || n < 0 || n > 2 ** 31 - 1) {
    invalidArgument("permutation", "n", n, "an integer in [0, 2^31)");
  }
  const x = new Int32Array(n);
  for (let i = 0; i < n; i++) x[i] = i;
  const rounds = Math.ceil((3 * Math.log(Math.max(1, n))) / Math.log(0xffffffff));
  let k0 = k.k0;
  let k1 = k.k1;
  const sortKeys = new Uint32Array(n);
  for (let r = 0; r < rounds; r++) {
    const w = splitWords(k0, k1, 2);
    k0 = w[0]!;
    k1 = w[1]!;
    threefryIota(w[2]!, w[3]!, n, sortKeys);
    sortByKeys(x, sortKeys);
  }
  return x;
}
