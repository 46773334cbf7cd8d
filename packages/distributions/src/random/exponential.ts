import type { PRNGKey } from "./key.js";
import { shapeSize } from "./shape.js";
import { fillUnit } from "./unit-interval.js";

/**
 * Standard exponential (rate 1) float64 draws, `-log1p(-u)` with `u` the `[0, 1)` uniform of
 * `uniform(key, shape)`, the same construction as `jax.random.exponential`. Values lie in
 * `[0, 52 ln 2]`; divide by a rate to rescale.
 */
export function exponential(k: PRNGKey, shape: readonly number[]): Float64Array {
  const n = shapeSize(shape);
  const out = new Float64Array(n);
  fillUnit(k.k0, k.k1, n, out);
  for (let i = 0; i < n; i++) out[i] = -Math.log1p(-out[i]!);
  return out;
}
