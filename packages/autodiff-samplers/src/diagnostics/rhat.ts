import { type ChainMatrix, type DrawsInput, isDegenerate, toChainMatrix } from "./draws.js";
import { sortedCopy, sortedMedian } from "./quantile.js";
import { rankNormalize } from "./rankNormalize.js";
import { splitChains } from "./splitChains.js";

/** Bulk and tail (folded) components of the rank-normalised split R-hat. */
export interface RhatParts {
  /** Split R-hat of the rank-normalised split chains. */
  readonly bulk: number;
  /** Split R-hat of the rank-normalised folded draws |x − median|. */
  readonly tail: number;
}

/** Gelman–Rubin potential scale reduction of chains as given (no splitting). */
function basicRhat(matrix: ChainMatrix): number {
  const { data, nChains: m, nDraws: n } = matrix;
  const chainMeans = new Float64Array(m);
  let withinSum = 0;
  for (let j = 0; j < m; j++) {
    const chain = data.subarray(j * n, (j + 1) * n);
    let s = 0;
    for (let i = 0; i < n; i++) s += chain[i];
    const mu = s / n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (chain[i] - mu) ** 2;
    chainMeans[j] = mu;
    withinSum += ss / (n - 1);
  }
  const within = withinSum / m;
  let grand = 0;
  for (let j = 0; j < m; j++) grand += chainMeans[j];
  grand /= m;
  let ssb = 0;
  for (let j = 0; j < m; j++) ssb += (chainMeans[j] - grand) ** 2;
  const between = (n * ssb) / (m - 1);
  return Math.sqrt((between / within + n - 1) / n);
}

/**
 * Bulk and tail components of the rank-normalised split R-hat (Vehtari et al.
 * 2021, Sec. 4.2): `bulk` on z-scores of the split chains, `tail` on z-scores
 * of |split − median(split)|. NaN for NaN or constant input.
 */
export function rhatParts(draws: Float64Array, nChains: number): RhatParts;
export function rhatParts(chains: readonly Float64Array[]): RhatParts;
export function rhatParts(draws: DrawsInput, nChains?: number): RhatParts {
  return partsOf(toChainMatrix(draws, nChains));
}

function partsOf(matrix: ChainMatrix): RhatParts {
  if (isDegenerate(matrix.data)) return { bulk: Number.NaN, tail: Number.NaN };
  const split = splitChains(matrix);
  const bulk = basicRhat({ ...split, data: rankNormalize(split.data) });
  const median = sortedMedian(sortedCopy(split.data));
  const folded = split.data.map((v) => Math.abs(v - median));
  const tail = basicRhat({ ...split, data: rankNormalize(folded) });
  return { bulk, tail };
}

/**
 * Rank-normalised split R-hat, max(bulk, tail) — ArviZ's `rhat(method="rank")`
 * (Vehtari et al. 2021). Values above ~1.01 signal non-convergence.
 *
 * - A single chain is split into two halves and works (Stan/`posterior`
 *   behaviour; ArviZ instead returns NaN for one chain).
 * - NaN draws, or all draws identical, give NaN (0/0 within-chain variance).
 * - Fewer than 4 draws per chain throws {@link DiagnosticsError}.
 */
export function rhat(draws: Float64Array, nChains: number): number;
export function rhat(chains: readonly Float64Array[]): number;
export function rhat(draws: DrawsInput, nChains?: number): number {
  const { bulk, tail } = partsOf(toChainMatrix(draws, nChains));
  if (Number.isNaN(bulk) || Number.isNaN(tail)) return Number.NaN;
  return Math.max(bulk, tail);
}
