import { fillGamma } from "./gamma.js";
import type { PRNGKey } from "./key.js";
import { isPositiveFinite, paramArray } from "./params.js";
import { invalidArgument } from "./random-error.js";
import { shapeSize } from "./shape.js";

/**
 * Dirichlet(alpha) float64 draws with output shape `[...shape, K]` (`K = alpha.length`,
 * row-major, each length-`K` row sums to 1). Like `jax.random.dirichlet`, it draws log-gamma
 * variates of shape `[...shape, K]` (element `(j, c)` uses shape `alpha[c]`) and normalises each
 * row with a max-shifted softmax, which stays accurate for small concentrations.
 */
export function dirichlet(k: PRNGKey, alpha: Float64Array, shape: readonly number[]): Float64Array {
  const K = alpha.length;
  if (K < 1) invalidArgument("dirichlet", "alpha", K, "at least one component");
  paramArray("dirichlet", "alpha", alpha, K, isPositiveFinite, "positive and finite");
  const rows = shapeSize(shape);
  const n = shapeSize([rows, K]);
  const out = new Float64Array(n);
  fillGamma(k.k0, k.k1, alpha, n, true, out);
  for (let r = 0; r < rows; r++) {
    const base = r * K;
    let m = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < K; c++) m = Math.max(m, out[base + c]!);
    let s = 0;
    for (let c = 0; c < K; c++) {
      const e = Math.exp(out[base + c]! - m);
      out[base + c] = e;
      s += e;
    }
    for (let c = 0; c < K; c++) out[base + c] = out[base + c]! / s;
  }
  return out;
}
