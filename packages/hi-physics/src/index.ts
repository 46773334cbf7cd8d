/**
 * @sidereal/hi-physics — HI 21-cm emission/absorption physics and the caribou_hi cloud models.
 */

export {
  BaseHiModel,
  type HiModelOptions,
  type HiOutput,
  type SiteSummary,
} from "./base-model.js";
export { MAX_BRIGHTNESS_RATIO } from "./clouds-emission.js";
export type { CloudParams } from "./clouds-shared.js";
export * from "./column-density.js";
export * from "./constants.js";
export { HiModelError, HiPhysicsError, SpecDataError } from "./errors.js";
export { type FitOptions, fitModel, fitModelEffect } from "./fit.js";
export { hiModel, hiModelBody } from "./hi-model.js";
export { initialPoint, supportPoint } from "./initial-point.js";
export { VAR_NAME_MAP, varNameMap } from "./labels.js";
export {
  compiledLikelihoodMeans,
  gaussianLogLikelihood,
  likelihoodMeans,
  pointwiseLogLikelihood,
} from "./likelihood.js";
export * from "./line-profiles.js";
export * from "./line-width.js";
export {
  baselineBasis,
  type DatasetData,
  datasetData,
  type HiModelData,
  type HiModelKind,
  REQUIRED_DATASETS,
} from "./model-data.js";
export { familyParents, freeAncestors, modelString } from "./model-graph.js";
export {
  AbsorptionModel,
  AbsorptionPhysicalModel,
  EmissionAbsorptionModel,
  EmissionAbsorptionPhysicalModel,
  EmissionModel,
  EmissionPhysicalModel,
  type HiDataInput,
  type HiModel,
  type HiModelClass,
  MODEL_CLASSES,
} from "./models.js";
export { nullBic, polynomialFit } from "./null-bic.js";
export type { Numeric, SameKind } from "./numeric.js";
export { bestNClouds, modelBic, Optimize, type OptimizeOptions } from "./optimize.js";
export {
  type BiasRow,
  biasRows,
  bicSummary,
  type CloudStats,
  type DatasetOut,
  type InferenceVariableOut,
  inferenceData,
  matchCloudsByVelocity,
  type PosteriorSummaryOptions,
  perCloudSummary,
  posteriorSummary,
  type SimulatedJson,
  selectChains,
  simulatedJson,
  toDataset,
} from "./outputs.js";
export {
  type PriorPredictive,
  samplePosteriorPredictive,
  samplePriorPredictive,
} from "./predictive.js";
export * from "./priors.js";
export * from "./pseudo-voigt.js";
export * from "./radiative-transfer.js";
export {
  ADVI_INITIAL_WEIGHT,
  type InitKwargs,
  type SampleOptions,
  sampleModelEffect,
  traceFromMcmc,
} from "./sample.js";
export * from "./seed-settings.js";
export {
  type SeedSimulation,
  type SimulatedSpectrum,
  seedDummyData,
  seedSimParams,
  seedSimulationModel,
  seedSimulationTruths,
  simulateSeed,
} from "./simulate.js";
export { type SolveOptions, solveModel } from "./solve.js";
export {
  decodeSpecData,
  decodeSpecDataMap,
  runOrThrow,
  type SpecData,
  SpecDataInput,
  type SpecDataLike,
  specData,
} from "./spec-data.js";
export * from "./spin-temperature.js";
export type { HiTrace, VariableGroup } from "./trace.js";
