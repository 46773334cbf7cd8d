import { threefryIota } from "./counters.js";
import type { PRNGKey } from "./key.js";
import { makeKey } from "./key.js";
import { invalidArgument } from "./random-error.js";
import { threefry2x32Into } from "./threefry.js";

/**
 * Raw words of `split(key, n)`: `n` keys as `[k0_0, k1_0, k0_1, k1_1, ...]`. This is JAX's
 * original (non-"partitionable") split, `threefry_2x32(key, iota(2n))` reshaped to `(n, 2)`.
 * Internal: samplers use it to give every output element its own key without allocating keys.
 */
export function splitWords(k0: number, k1: number, n: number): Uint32Array {
  if (!Number.isInteger(n) || n < 0 || n > 2 ** 31 - 1) {
    invalidArgument("split", "n", n, "an integer in [0, 2^31)");
  }
  const words = new Uint32Array(2 * n);
  threefryIota(k0, k1, 2 * n, words);
  return words;
}

/**
 * Splits a key into `n` new, statistically independent keys, like `jax.random.split(key, n)`
 * with `jax_threefry_partitionable=False` (JAX's default before 0.5.0): the `n` keys are
 * `threefry_2x32(key, iota(2n))` reshaped to `(n, 2)`. For example
 * `split(key(0))` is `[[4146024105, 967050713], [2718843009, 1272950319]]`.
 */
export function split(k: PRNGKey, n = 2): PRNGKey[] {
  const words = splitWords(k.k0, k.k1, n);
  const keys = new Array<PRNGKey>(n);
  for (let i = 0; i < n; i++) keys[i] = makeKey(words[2 * i]!, words[2 * i + 1]!);
  return keys;
}

const BLOCK = new Uint32Array(2);

/**
 * Derives a new key from a key and an integer, like `jax.random.fold_in(key, data)`: the data
 * is reduced to a uint32 (modulo 2^32, so negative values wrap as in `jnp.uint32`) and the new
 * key is the Threefry block `threefry_2x32(key, [0, data])`.
 */
export function foldIn(k: PRNGKey, data: number): PRNGKey {
  if (!Number.isInteger(data)) {
    invalidArgument("foldIn", "data", data, "an integer");
  }
  const d = Number(BigInt.asUintN(32, BigInt(data)));
  threefry2x32Into(k.k0, k.k1, 0, d, BLOCK, 0);
  return makeKey(BLOCK[0]!, BLOCK[1]!);
}
