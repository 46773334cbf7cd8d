import { type DrawsInput, isDegenerate, toChainMatrix } from "./draws.js";
import { effectiveSampleSize } from "./effectiveSampleSize.js";
import { mean } from "./moments.js";
import { sortedCopy, sortedQuantile } from "./quantile.js";
import { rankNormalize } from "./rankNormalize.js";
import { splitChains } from "./splitChains.js";

// All four estimators follow Vehtari, Gelman, Simpson, Carpenter & Bürkner
// (2021), "Rank-normalization, folding, and localization: an improved R-hat",
// Bayesian Analysis 16(2), with ArviZ's conventions (split chains, Blom 3/8
// offset, Geyer truncation). Input with NaN or with every draw identical
// yields NaN; fewer than 4 draws per chain throws DiagnosticsError.

/**
 * Bulk effective sample size: ESS of the rank-normalised split chains
 * (Vehtari et al. 2021, Sec. 4.3). Robust to heavy tails; estimates the
 * efficiency of location summaries such as the mean and median.
 */
export function essBulk(draws: Float64Array, nChains: number): number;
export function essBulk(chains: readonly Float64Array[]): number;
export function essBulk(draws: DrawsInput, nChains?: number): number {
  const matrix = toChainMatrix(draws, nChains);
  if (isDegenerate(matrix.data)) return Number.NaN;
  const split = splitChains(matrix);
  return effectiveSampleSize({ ...split, data: rankNormalize(split.data) });
}

/**
 * Tail effective sample size: min of the ESS of the split indicator chains
 * I(x ≤ q₀.₀₅) and I(x ≤ q₀.₉₅), quantiles of all draws with linear
 * interpolation (Vehtari et al. 2021, Sec. 4.3; ArviZ's `ess(method="tail")`).
 */
export function essTail(draws: Float64Array, nChains: number): number;
export function essTail(chains: readonly Float64Array[]): number;
export function essTail(draws: DrawsInput, nChains?: number): number {
  const matrix = toChainMatrix(draws, nChains);
  if (isDegenerate(matrix.data)) return Number.NaN;
  const sorted = sortedCopy(matrix.data);
  let result = Number.POSITIVE_INFINITY;
  for (const p of [0.05, 0.95]) {
    const q = sortedQuantile(sorted, p);
    const indicator = matrix.data.map((v) => (v <= q ? 1 : 0));
    result = Math.min(result, effectiveSampleSize(splitChains({ ...matrix, data: indicator })));
  }
  return result;
}

/** ESS for the mean: ESS of the (not rank-normalised) split chains. */
export function essMean(draws: Float64Array, nChains: number): number;
export function essMean(chains: readonly Float64Array[]): number;
export function essMean(draws: DrawsInput, nChains?: number): number {
  const matrix = toChainMatrix(draws, nChains);
  if (isDegenerate(matrix.data)) return Number.NaN;
  return effectiveSampleSize(splitChains(matrix));
}

/**
 * ESS for the standard deviation: ESS of the split chains of the squared
 * deviations (x − x̄)², x̄ the mean of all draws (the `posterior` R package and
 * ArviZ ≥ 0.13 convention; older ArviZ used min(ESS(x), ESS(x²))).
 */
export function essSd(draws: Float64Array, nChains: number): number;
export function essSd(chains: readonly Float64Array[]): number;
export function essSd(draws: DrawsInput, nChains?: number): number {
  const matrix = toChainMatrix(draws, nChains);
  if (isDegenerate(matrix.data)) return Number.NaN;
  const mu = mean(matrix.data);
  const squared = matrix.data.map((v) => (v - mu) ** 2);
  return effectiveSampleSize(splitChains({ ...matrix, data: squared }));
}
