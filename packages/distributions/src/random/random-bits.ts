import { threefryIota } from "./counters.js";
import type { PRNGKey } from "./key.js";
import { shapeSize } from "./shape.js";

/**
 * Uniform random uint32 words, like `jax.random.bits(key, shape, dtype=jnp.uint32)` (JAX's
 * original, non-partitionable `_threefry_random_bits` with `bit_width = 32`): the flattened
 * result is `threefry_2x32(key, iota(n))` where `n` is the product of `shape`.
 */
export function randomBits(k: PRNGKey, shape: readonly number[]): Uint32Array {
  const n = shapeSize(shape);
  const out = new Uint32Array(n);
  threefryIota(k.k0, k.k1, n, out);
  return out;
}
