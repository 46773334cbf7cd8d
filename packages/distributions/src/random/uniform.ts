import type { PRNGKey } from "./key.js";
import { invalidArgument } from "./random-error.js";
import { shapeSize } from "./shape.js";
import { fillUnit } from "./unit-interval.js";

/**
 * Uniform float64 draws on `[minval, maxval)`, bit-for-bit the construction of
 * `jax.random.uniform(key, shape, jnp.float64, minval, maxval)` (x64 mode, non-partitionable
 * Threefry): element `i` takes the top 52 bits of the 64-bit word from the Threefry block
 * `(i, n + i)` as a mantissa, `u = m / 2^52` in `[0, 1)`, and returns
 * `max(minval, u * (maxval - minval) + minval)`. For the default bounds the result is in
 * `[0, 1)` on a grid of 2^-52; for other bounds rounding may (rarely) give `maxval`, as in JAX.
 */
export function uniform(
  k: PRNGKey,
  shape: readonly number[],
  minval = 0,
  maxval = 1,
): Float64Array {
  if (!Number.isFinite(minval) || !Number.isFinite(maxval)) {
    invalidArgument("uniform", "bounds", [minval, maxval], "finite");
  }
  const n = shapeSize(shape);
  const out = new Float64Array(n);
  fillUnit(k.k0, k.k1, n, out);
  if (minval !== 0 || maxval !== 1) {
    const span = maxval - minval;
    for (let i = 0; i < n; i++) {
      const x = out[i]! * span + minval;
      out[i] = Math.max(x, minval);
    }
  }
  return out;
}
