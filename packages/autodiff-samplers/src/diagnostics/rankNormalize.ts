import { normalQuantile } from "./normalQuantile.js";

/**
 * 1-based ranks of `values`, ties receiving the average of the ranks they span
 * (the "average" / fractional ranking). NaN handling is the caller's job.
 *
 * The values are sorted as a typed array (native numeric sort, no comparator
 * callbacks); the rank of each value then comes from the first and last
 * positions of its value in the sorted copy, found by binary search — ranks
 * i+1…j for positions i…j−1, whose average is (i + 1 + j) / 2.
 */
export function averageRanks(values: Float64Array): Float64Array {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  const ranks = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const v = values[k];
    // first position with sorted[p] >= v
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    // first position with sorted[p] > v: lo + 1 unless v is tied
    let end = lo + 1;
    if (end < n && sorted[end] <= v) {
      let top = n;
      while (end < top) {
        const mid = (end + top) >>> 1;
        if (sorted[mid] <= v) end = mid + 1;
        else top = mid;
      }
    }
    ranks[k] = (lo + 1 + end) / 2;
  }
  return ranks;
}

/**
 * z-scores of the integer ranks 1…S, by S: a summary rank-normalises several arrays per
 * variable, and every variable of a run has the same sizes, so the S normal quantiles are
 * computed once per size (half-integer ranks from ties are computed directly). A few
 * sizes are kept; the oldest is dropped beyond that.
 */
const rankScoreTables = new Map<number, Float64Array>();

function integerRankScores(s: number): Float64Array {
  const cached = rankScoreTables.get(s);
  if (cached !== undefined) return cached;
  const z = new Float64Array(s);
  for (let r = 1; r <= s; r++) z[r - 1] = normalQuantile((r - 3 / 8) / (s + 1 / 4));
  if (rankScoreTables.size >= 8) {
    const oldest = rankScoreTables.keys().next().value;
    if (oldest !== undefined) rankScoreTables.delete(oldest);
  }
  rankScoreTables.set(s, z);
  return z;
}

/**
 * Rank normalisation of Vehtari et al. (2021, eq. 14): pooled average ranks r
 * over all S values mapped to z = Φ⁻¹((r − 3/8) / (S + 1/4)) (Blom's
 * fractional offset, ArviZ's default). Layout is preserved.
 */
export function rankNormalize(values: Float64Array): Float64Array {
  const ranks = averageRanks(values);
  const s = values.length;
  const table = integerRankScores(s);
  const z = new Float64Array(s);
  for (let i = 0; i < s; i++) {
    const r = ranks[i];
    z[i] = Number.isInteger(r) ? table[r - 1] : normalQuantile((r - 3 / 8) / (s + 1 / 4));
  }
  return z;
}
