import type { PRNGKey } from "./key.js";
import { shapeSize } from "./shape.js";
import { fillUnit } from "./unit-interval.js";

/** Smallest positive normal float64 (`jnp.finfo(jnp.float64).tiny`). */
const TINY = 2.2250738585072014e-308;

/**
 * Fills `out[0..n)` with standard Gumbel draws for key `(k0, k1)`:
 * `-log(-log(max(tiny, u + tiny)))` with `u` the `[0, 1)` uniform, as `jax.random.gumbel`
 * (which draws `uniform(minval=tiny, maxval=1)`). Internal helper for categorical/choice.
 */
export function fillGumbel(k0: number, k1: number, n: number, out: Float64Array): void {
  fillUnit(k0, k1, n, out);
  for (let i = 0; i < n; i++) {
    const u = out[i]! + TINY;
    out[i] = -Math.log(-Math.log(Math.max(u, TINY)));
  }
}

/** Standard Gumbel (location 0, scale 1) float64 draws, as `jax.random.gumbel(key, shape)`. */
export function gumbel(k: PRNGKey, shape: readonly number[]): Float64Array {
  const n = shapeSize(shape);
  const out = new Float64Array(n);
  fillGumbel(k.k0, k.k1, n, out);
  return out;
}
