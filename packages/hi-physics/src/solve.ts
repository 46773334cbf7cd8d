/**
 * bayes_spec's `solve()` (spec §3.8) through `@sidereal/gmm-solver`'s `solvePosterior`: per
 * chain a Gaussian mixture of the cloud features (velocity, fwhm2), Monte-Carlo KL between
 * chains, grouping into unique solutions and label switching. Prints bayes_spec's messages
 * ("GMM converged to unique solution", "7 of 8 chains appear converged.") when verbose.
 */
import { type InitParams, type SolvePosteriorResult, solvePosterior } from "@sidereal/gmm-solver";
import type { BaseHiModel } from "./base-model.js";

/** Options of {@link solveModel} (bayes_spec's keyword arguments; defaults bayes_spec's). */
export interface SolveOptions {
  /** Default "random" (bayes_spec); the tutorial uses "random_from_data". */
  readonly initParams?: InitParams;
  readonly nInit?: number;
  readonly maxIter?: number;
  readonly klDivThreshold?: number;
  readonly numGmmSamples?: number;
}

/** Clusters the chains of `model.trace`, stores the solutions on the trace, returns the result. */
export function solveModel(
  model: BaseHiModel<object>,
  options: SolveOptions = {},
): SolvePosteriorResult {
  const trace = model.requireTrace("solve");
  const result = solvePosterior(trace.posterior, {
    cloudVars: model.clusterFeatures,
    nClouds: model.nClouds,
    initParams: options.initParams ?? "random",
    nInit: options.nInit ?? 10,
    maxIter: options.maxIter ?? 1000,
    klDivThreshold: options.klDivThreshold ?? 0.1,
    numGmmSamples: options.numGmmSamples ?? 10_000,
    seed: model.seed,
  });
  model.trace = { ...trace, solutions: result.solutions };
  for (const m of result.messages) model.say(m);
  return result;
}
