import { fillGumbel } from "./gumbel.js";
import type { PRNGKey } from "./key.js";
import { permutation } from "./permutation.js";
import { randint } from "./randint.js";
import { invalidArgument } from "./random-error.js";
import { shapeSize } from "./shape.js";
import { fillUnit } from "./unit-interval.js";

/** Options of {@link choice}. */
export interface ChoiceOptions {
  /** Sample with replacement (default `true`, as in JAX). */
  readonly replace?: boolean;
  /**
   * Optional non-negative weights, one per index (need not sum to 1; at least one positive).
   * Without them every index is equally likely.
   */
  readonly p?: Float64Array;
}

/**
 * Draws indices in `[0, n)` with the output `shape`, following `jax.random.choice(key, n, shape,
 * replace, p)`:
 * - with replacement, uniform: `randint(key, shape, 0, n)`;
 * - with replacement, weights `p`: inverse CDF, `searchsorted_left(cumsum(p), total * (1 - u))`;
 * - without replacement, uniform: the first draws of `permutation(key, n)`;
 * - without replacement, weights `p`: Gumbel-top-k (the indices of the largest
 *   `gumbel + log p`, in decreasing order), which is sequential weighted sampling.
 *
 * Without replacement the number of draws may not exceed `n` (or the number of positive
 * weights).
 */
export function choice(
  k: PRNGKey,
  n: number,
  shape: readonly number[],
  options: ChoiceOptions = {},
): Int32Array {
  const replace = options.replace ?? true;
  const p = options.p;
  if (!Number.isInteger(n) || n < 1 || n > 2 ** 31 - 1) {
    invalidArgument("choice", "n", n, "an integer in [1, 2^31)");
  }
  const draws = shapeSize(shape);
  let positive = n;
  if (p !== undefined) {
    if (p.length !== n) invalidArgument("choice", "p", `${p.length} entries`, `${n} entries`);
    positive = 0;
    for (let i = 0; i < n; i++) {
      const w = p[i]!;
      if (!(w >= 0 && w < Number.POSITIVE_INFINITY)) {
        invalidArgument("choice", "p", w, "finite and non-negative");
      }
      if (w > 0) positive++;
    }
    if (positive === 0)
      invalidArgument("choice", "p", "all zero", "with at least one positive weight");
  }
  if (!replace && draws > positive) {
    invalidArgument(
      "choice",
      "shape",
      `${draws} draws`,
      `at most ${positive} draws without replacement`,
    );
  }
  if (p === undefined) {
    if (replace) return randint(k, shape, 0, n);
    return permutation(k, n).slice(0, draws);
  }
  if (replace) {
    const cum = new Float64Array(n);
    let total = 0;
    for (let i = 0; i < n; i++) cum[i] = total += p[i]!;
    const u = new Float64Array(draws);
    fillUnit(k.k0, k.k1, draws, u);
    const out = new Int32Array(draws);
    for (let j = 0; j < draws; j++) {
      const r = total * (1 - u[j]!);
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cum[mid]! < r) lo = mid + 1;
        else hi = mid;
      }
      out[j] = lo;
    }
    return out;
  }
  const g = new Float64Array(n);
  fillGumbel(k.k0, k.k1, n, g);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    order[i] = i;
    g[i] = g[i]! + Math.log(p[i]!);
  }
  order.sort((a, b) => g[b]! - g[a]! || a - b);
  return order.slice(0, draws);
}
