import { fillGumbel } from "./gumbel.js";
import type { PRNGKey } from "./key.js";
import { invalidArgument } from "./random-error.js";
import { shapeSize } from "./shape.js";

/**
 * Draws category indices in `[0, K)` with probabilities `softmax(logits)` by the Gumbel-max
 * trick, as `jax.random.categorical(key, logits, shape=shape)`: Gumbel noise of shape
 * `[...shape, K]` is added to the logits and each row's first argmax is returned.
 * `logits` (length `K >= 1`) may contain `-Infinity` (probability 0) but not NaN/+Infinity,
 * and at least one entry must be finite.
 */
export function categorical(
  k: PRNGKey,
  logits: Float64Array,
  shape: readonly number[],
): Int32Array {
  const K = logits.length;
  let anyFinite = false;
  for (let c = 0; c < K; c++) {
    const l = logits[c]!;
    if (Number.isNaN(l) || l === Number.POSITIVE_INFINITY) {
      invalidArgument("categorical", "logits", l, "finite or -Infinity");
    }
    if (l !== Number.NEGATIVE_INFINITY) anyFinite = true;
  }
  if (!anyFinite)
    invalidArgument("categorical", "logits", "all -Infinity", "a row with a finite logit");
  const rows = shapeSize(shape);
  const n = shapeSize([rows, K]);
  const g = new Float64Array(n);
  fillGumbel(k.k0, k.k1, n, g);
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    const base = r * K;
    let best = 0;
    let bestVal = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < K; c++) {
      const v = logits[c]! + g[base + c]!;
      if (v > bestVal) {
        bestVal = v;
        best = c;
      }
    }
    out[r] = best;
  }
  return out;
}
