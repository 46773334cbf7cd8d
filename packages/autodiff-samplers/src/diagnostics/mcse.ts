import { type DrawsInput, isDegenerate, toChainMatrix } from "./draws.js";
import { effectiveSampleSize } from "./effectiveSampleSize.js";
import { essMean } from "./ess.js";
import { mean, variance } from "./moments.js";
import { splitChains } from "./splitChains.js";

/**
 * Monte Carlo standard error of the posterior mean: sd / √ESS_mean, sd with
 * ddof = 1 over all draws (ArviZ `mcse(method="mean")`). NaN for NaN or
 * constant input (ArviZ would report 0 for a constant; see the README).
 */
export function mcseMean(draws: Float64Array, nChains: number): number;
export function mcseMean(chains: readonly Float64Array[]): number;
export function mcseMean(draws: DrawsInput, nChains?: number): number {
  const matrix = toChainMatrix(draws, nChains);
  if (isDegenerate(matrix.data)) return Number.NaN;
  return Math.sqrt(variance(matrix.data, 1)) / Math.sqrt(essMean(matrix.data, matrix.nChains));
}

/**
 * Monte Carlo standard error of the posterior standard deviation, the
 * convention of ArviZ ≥ 0.13 and the `posterior` R package: with
 * c = (x − x̄)², E = mean(c), Var(E) ≈ (mean(c²) − E²) / ESS_mean(c)
 * (Kenney & Keeping 1951) and the first-order delta method for √E,
 * mcse_sd = √(Var(E) / E / 4). NaN for NaN or constant input.
 */
export function mcseSd(draws: Float64Array, nChains: number): number;
export function mcseSd(chains: readonly Float64Array[]): number;
export function mcseSd(draws: DrawsInput, nChains?: number): number {
  const matrix = toChainMatrix(draws, nChains);
  if (isDegenerate(matrix.data)) return Number.NaN;
  const mu = mean(matrix.data);
  const c2 = matrix.data.map((v) => (v - mu) ** 2);
  const ess = effectiveSampleSize(splitChains({ ...matrix, data: c2 }));
  const evar = mean(c2);
  const varvar = (mean(c2.map((v) => v * v)) - evar * evar) / ess;
  return Math.sqrt(varvar / evar / 4);
}
