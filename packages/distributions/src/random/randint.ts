import { threefryIota } from "./counters.js";
import type { PRNGKey } from "./key.js";
import { invalidArgument } from "./random-error.js";
import { shapeSize } from "./shape.js";
import { splitWords } from "./split.js";

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/**
 * Uniform integers in `[minval, maxval)` as an `Int32Array`, following the construction of
 * `jax.random.randint(key, shape, minval, maxval, jnp.int32)`: `(k1, k2) = split(key)`,
 * `hi = randomBits(k1, shape)`, `lo = randomBits(k2, shape)`, and with
 * `span = maxval - minval` and `mult = (2^16 mod span)^2 mod span` (uint32 arithmetic, wrapping)
 * the offset is `((hi mod span) * mult + (lo mod span)) mod span`, using 64 random bits so the
 * modulo bias is negligible. Bounds are integers; `minval` is clipped to the int32 range and
 * `maxval` may be up to `2^31` (exclusive bound for the full int32 range). If
 * `maxval <= minval` every element is `minval`.
 */
export function randint(
  k: PRNGKey,
  shape: readonly number[],
  minval: number,
  maxval: number,
): Int32Array {
  if (!Number.isInteger(minval) || !Number.isInteger(maxval)) {
    invalidArgument("randint", "bounds", [minval, maxval], "integers");
  }
  const n = shapeSize(shape);
  const lo = Math.min(Math.max(minval, INT32_MIN), INT32_MAX);
  const hiBound = Math.min(Math.max(maxval, INT32_MIN), INT32_MAX + 1);
  const span = hiBound <= lo ? 1 : hiBound - lo; // in [1, 2^32]
  const keys = splitWords(k.k0, k.k1, 2);
  const higher = new Uint32Array(n);
  const lower = new Uint32Array(n);
  threefryIota(keys[0]!, keys[1]!, n, higher);
  threefryIota(keys[2]!, keys[3]!, n, lower);
  const out = new Int32Array(n);
  if (span === 2 ** 32) {
    // Full 32-bit range: 2^32 mod span = 0, so only the low word contributes.
    for (let i = 0; i < n; i++) out[i] = lo + lower[i]!;
    return out;
  }
  const m16 = 65536 % span;
  const mult = (m16 * m16) % span;
  for (let i = 0; i < n; i++) {
    const a = Math.imul(higher[i]! % span, mult) >>> 0;
    const offset = ((a + (lower[i]! % span)) >>> 0) % span;
    out[i] = lo + offset;
  }
  return out;
}
