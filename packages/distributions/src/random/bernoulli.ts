import { type ParamSampler, paramArray } from "./params.js";
import { shapeSize } from "./shape.js";
import { fillUnit } from "./unit-interval.js";

const isProbability = (x: number): boolean => x >= 0 && x <= 1;

/**
 * Bernoulli(p) draws as 0/1 bytes: element `i` is `u_i < p_i` with `u` the `[0, 1)` uniform of
 * `uniform(key, shape)`, as `jax.random.bernoulli`. `p` is a number in `[0, 1]` or a
 * `Float64Array` with one probability per element.
 */
export const bernoulli: ParamSampler<Uint8Array> = (k, p, shape) => {
  const n = shapeSize(shape);
  const probs = paramArray("bernoulli", "p", p, n, isProbability, "in [0, 1]");
  const u = new Float64Array(n);
  fillUnit(k.k0, k.k1, n, u);
  const out = new Uint8Array(n);
  const len = probs.length;
  for (let i = 0; i < n; i++) out[i] = u[i]! < probs[i % len]! ? 1 : 0;
  return out;
};
