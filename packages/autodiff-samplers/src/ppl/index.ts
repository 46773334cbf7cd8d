/**
 * Probabilistic programming with NumPyro semantics over an explicit model context: models
 * (`defineModel`), effect handlers, potential energy, init strategies, `mcmc` and
 * `Predictive`.
 */

export type { AdviInitOptions } from "./adviStarts.js";
export {
  ModelContext,
  type ParamOptions,
  type PlateOptions,
  type SampleOptions,
} from "./context.js";
export {
  type ChainPhase,
  InitializationError,
  ModelError,
  type ModelProblem,
  SamplerError,
  type SamplerProblem,
} from "./errors.js";
export * from "./handlers/index.js";
export {
  type InitStrategy,
  type InitValue,
  initToMedian,
  initToSample,
  initToUniform,
  initToValue,
  initValue,
} from "./initStrategies.js";
export { logJoint, siteLogProb } from "./logDensity.js";
export {
  type LogLikelihoodOptions,
  logLikelihood,
  type PointwiseLogLik,
} from "./logLikelihood.js";
export { type McmcOptions, mcmc, mcmcEffect } from "./mcmc.js";
export type { CondIndepFrame, Message, Messenger, SiteType } from "./message.js";
export { defineModel, isModel, type Model, type ModelRef, runModel } from "./model.js";
export {
  buildPotential,
  type InitializedModel,
  type InitializeOptions,
  initializeModel,
  initTrace,
  type LatentSiteInfo,
  type ModelPotential,
  type ObservedSiteInfo,
  type SiteInfo,
} from "./potential.js";
export { Predictive, type PredictiveOptions } from "./predictive.js";
export {
  type ChainProgressState,
  formatProgressBar,
  formatProgressLog,
  ProgressReporter,
  type ProgressReporterOptions,
  type ProgressStream,
} from "./progress.js";
export {
  type AdaptedParameters,
  type InferenceDataInput,
  type InferenceDataOptions,
  type InferenceGroup,
  type InferenceVariable,
  McmcResult,
  type McmcResultSource,
  type ResultSummaryOptions,
  type SampleStatName,
  type SiteDraws,
  type StatDraws,
} from "./results.js";
export type { ChainOptions, ChainOutput, ChainStart } from "./runChain.js";
export { runChain } from "./runChain.js";
export { siteDims } from "./siteDims.js";
export {
  liveWorkerCount,
  type WorkerPool,
  type WorkerPoolConfig,
  workerPool,
} from "./workerPool.js";
