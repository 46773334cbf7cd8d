import { DiagnosticsError } from "./errors.js";
import { sortedCopy } from "./quantile.js";

/**
 * Highest density interval of a unimodal sample: the narrowest interval
 * [s_i, s_{i+k}] of the sorted draws s with k = ⌊prob · S⌋ (each candidate
 * holds k + 1 draws). This is exactly `arviz.hdi`'s index arithmetic (Chen &
 * Shao 1999 style empirical HPD); on ties the lowest interval wins.
 *
 * Accepts all draws flat (any layout, chains are pooled) or one array per
 * chain. Any NaN gives `[NaN, NaN]`. Throws {@link DiagnosticsError} for an
 * empty sample or `prob` outside (0, 1).
 */
export function hdi(
  samples: Float64Array | readonly Float64Array[],
  prob = 0.94,
): readonly [number, number] {
  if (!(prob > 0 && prob < 1)) {
    throw new DiagnosticsError(`hdi prob must lie in (0, 1), got ${prob}`);
  }
  let flat: Float64Array;
  if (samples instanceof Float64Array) {
    flat = samples;
  } else {
    flat = new Float64Array(samples.reduce((n, c) => n + c.length, 0));
    let offset = 0;
    for (const chain of samples) {
      flat.set(chain, offset);
      offset += chain.length;
    }
  }
  const n = flat.length;
  if (n === 0) throw new DiagnosticsError("hdi needs at least one draw");
  if (flat.some(Number.isNaN)) return [Number.NaN, Number.NaN];
  const s = sortedCopy(flat);
  const k = Math.floor(prob * n);
  let best = 0;
  let bestWidth = s[k] - s[0];
  for (let i = 1; i < n - k; i++) {
    const width = s[i + k] - s[i];
    if (width < bestWidth) {
      bestWidth = width;
      best = i;
    }
  }
  return [s[best], s[best + k]];
}
