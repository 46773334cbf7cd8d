import { normalQuantile } from "./normalQuantile.js";

/**
 * 1-based ranks of `values`, ties receiving the average of the ranks they span
 * (the "average" / fractional ranking). NaN handling is the caller's job.
 */
export function averageRanks(values: Float64Array): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => values[a] - values[b]);
  const ranks = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i + 1;
    while (j < n && values[order[j]] === values[order[i]]) j++;
    // positions i..j-1 (0-based) hold ranks i+1..j; their average:
    const rank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) ranks[order[k]] = rank;
    i = j;
  }
  return ranks;
}

/**
 * Rank normalisation of Vehtari et al. (2021, eq. 14): pooled average ranks r
 * over all S values mapped to z = Φ⁻¹((r − 3/8) / (S + 1/4)) (Blom's
 * fractional offset, ArviZ's default). Layout is preserved.
 */
export function rankNormalize(values: Float64Array): Float64Array {
  const ranks = averageRanks(values);
  const s = values.length;
  const z = new Float64Array(s);
  for (let i = 0; i < s; i++) z[i] = normalQuantile((ranks[i] - 3 / 8) / (s + 1 / 4));
  return z;
}
