import { fillGamma } from "./gamma.js";
import type { PRNGKey } from "./key.js";
import { isPositiveFinite, paramArray } from "./params.js";
import { shapeSize } from "./shape.js";
import { splitWords } from "./split.js";

/**
 * Beta(a, b) float64 draws as `Ga / (Ga + Gb)` with independent gamma draws, computed in log
 * space like `jax.random.beta`: `(keyA, keyB) = split(key)`, `la = loggamma(keyA, a)`,
 * `lb = loggamma(keyB, b)`, `m = max(la, lb)`, result `e^(la-m) / (e^(la-m) + e^(lb-m))`.
 * `a` and `b` are positive finite numbers or `Float64Array`s with one value per element.
 */
export function beta(
  k: PRNGKey,
  a: number | Float64Array,
  b: number | Float64Array,
  shape: readonly number[],
): Float64Array {
  const n = shapeSize(shape);
  const pa = paramArray("beta", "a", a, n, isPositiveFinite, "positive and finite");
  const pb = paramArray("beta", "b", b, n, isPositiveFinite, "positive and finite");
  const keys = splitWords(k.k0, k.k1, 2);
  const la = new Float64Array(n);
  const lb = new Float64Array(n);
  fillGamma(keys[0]!, keys[1]!, pa, n, true, la);
  fillGamma(keys[2]!, keys[3]!, pb, n, true, lb);
  for (let i = 0; i < n; i++) {
    const m = Math.max(la[i]!, lb[i]!);
    const ga = Math.exp(la[i]! - m);
    const gb = Math.exp(lb[i]! - m);
    la[i] = ga / (ga + gb);
  }
  return la;
}
