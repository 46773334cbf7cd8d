/**
 * Gaussian mixtures by expectation–maximisation with scikit-learn `GaussianMixture` semantics,
 * k-means (Lloyd + k-means++), and KL divergences between Gaussians and Gaussian mixtures.
 */

export {
  type CovarianceType,
  nParameters,
} from "./covariance.js";
export { GmmError, type GmmErrorReason } from "./errors.js";
export { fitGaussianMixture, type GaussianMixtureOptions } from "./fit.js";
export type { ExplicitInit, InitParams } from "./initialize.js";
export { klGaussian, klMixtureMonteCarlo, klMixtureVariational } from "./kl.js";
export { type KMeansOptions, type KMeansResult, kmeans, kmeansPlusPlus } from "./kmeans.js";
export type { MixtureParameters } from "./log-prob.js";
export type { Matrix, MatrixInput } from "./matrix.js";
export {
  type FitInfo,
  GaussianMixtureModel,
  gaussianMixtureFromParameters,
  type NumericArray,
} from "./model.js";
export type { PosteriorSamples, PosteriorVariable } from "./posterior-samples.js";
export type { Seed } from "./seed.js";
export { SolveError, type SolveErrorReason } from "./solve-error.js";
export {
  type PosteriorSolution,
  type SolvePosteriorOptions,
  type SolvePosteriorResult,
  solvePosterior,
} from "./solve-posterior.js";
