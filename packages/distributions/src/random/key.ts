import { invalidArgument } from "./random-error.js";

declare const prngKeyBrand: unique symbol;

/**
 * A Threefry-2x32 PRNG key: an immutable pair of uint32 words `(k0, k1)`.
 *
 * It holds the same data as a raw `jax.random.PRNGKey` (a `uint32[2]` array): `k0` is the first
 * word and `k1` the second. Keys are frozen plain objects, branded at the type level so that
 * only {@link key}, {@link wrapKeyData}, `split` and `foldIn` can produce them. Use
 * {@link keyData} to get the words as a fresh `Uint32Array`.
 */
export interface PRNGKey {
  /** First word, an integer in `[0, 2^32)` (the high 32 bits of the seed for {@link key}). */
  readonly k0: number;
  /** Second word, an integer in `[0, 2^32)` (the low 32 bits of the seed for {@link key}). */
  readonly k1: number;
  /** Type-level brand; not present at run time. */
  readonly [prngKeyBrand]: true;
}

const TWO_63 = 2n ** 63n;
const TWO_64 = 2n ** 64n;

/** Builds a frozen key from two words (reduced modulo 2^32). Internal constructor. */
export function makeKey(k0: number, k1: number): PRNGKey {
  return Object.freeze({ k0: k0 >>> 0, k1: k1 >>> 0 }) as unknown as PRNGKey;
}

/**
 * Creates a key from an integer seed, like `jax.random.PRNGKey(seed)`: the seed is taken as a
 * 64-bit two's-complement integer and the key is `[high 32 bits, low 32 bits]`, so
 * `key(0)` is `[0, 0]`, `key(42)` is `[0, 42]` and `key(-1)` is `[0xffffffff, 0xffffffff]`.
 *
 * @param seed a safe integer, or a bigint in `[-2^63, 2^64)`.
 */
export function key(seed: number | bigint): PRNGKey {
  let s: bigint;
  if (typeof seed === "number") {
    if (!Number.isSafeInteger(seed)) {
      invalidArgument("key", "seed", seed, "a safe integer");
    }
    s = BigInt(seed);
  } else {
    s = seed;
  }
  if (s < -TWO_63 || s >= TWO_64) {
    invalidArgument("key", "seed", s, "in [-2^63, 2^64)");
  }
  const u = BigInt.asUintN(64, s);
  return makeKey(Number(u >> 32n), Number(u & 0xffffffffn));
}

/** Returns the two words of a key as a new `Uint32Array` (like `jax.random.key_data`). */
export function keyData(k: PRNGKey): Uint32Array {
  return Uint32Array.of(k.k0, k.k1);
}

/**
 * Wraps two raw uint32 words (e.g. a key exported by JAX or by {@link keyData}) as a key
 * (like `jax.random.wrap_key_data`). Throws unless `data` holds exactly two integers in
 * `[0, 2^32)`.
 */
export function wrapKeyData(data: ArrayLike<number>): PRNGKey {
  if (data.length !== 2) {
    invalidArgument("wrapKeyData", "data", `${data.length} words`, "2 words");
  }
  for (let i = 0; i < 2; i++) {
    const w = data[i]!;
    if (!Number.isInteger(w) || w < 0 || w > 0xffffffff) {
      invalidArgument("wrapKeyData", `data[${i}]`, w, "a uint32");
    }
  }
  return makeKey(data[0]!, data[1]!);
}
