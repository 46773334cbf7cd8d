/**
 * @sidereal/stream-density — seed 002 end to end: inhomogeneous Poisson-process density
 * models with spline log-densities (1-D Gaussian sample, GD-1 stellar stream), fitted
 * with L-BFGS-B and sampled with NUTS.
 */

export { app, runCli } from "./cli.js";
export { type CompiledModel, compileModel } from "./compiled.js";
export {
  Command,
  decodeConfig,
  QUICK_SETTINGS,
  RunConfig,
  resolveRunConfig,
  SEED_SETTINGS,
  SETTINGS_DEFAULTS,
  Settings,
} from "./config.js";
export {
  BUNDLED_GAUSSIAN_1D,
  BUNDLED_GD1,
  GD1_PHI2_MIN,
  type Gd1Catalogue,
  loadGaussian1d,
  loadGaussian1dChecked,
  loadGd1,
  loadGd1Checked,
  TRUE_GAUSSIAN,
} from "./data.js";
export { fitMap, type OptimizationRecord } from "./fit.js";
export { arange, linspace } from "./grids.js";
export { gaussianFilter1d, reflectIndex } from "./init/gaussian-filter.js";
export { histogram1d, histogram2d } from "./init/histogram.js";
export { streamInit } from "./init/stream-init.js";
export { lnNormal, lnNormalLogStd } from "./ln-normal.js";
export { GAUSSIAN_BOUNDS, gaussianInit, gaussianModel } from "./models/gaussian.js";
export type { DensityModel, ParameterBlock } from "./models/model.js";
export { buildModel, type ModelSpec } from "./models/spec.js";
export {
  SPLINE_GRID,
  SPLINE_KNOTS,
  splineInit,
  splineLnDensity,
  splineModel,
} from "./models/spline1d.js";
export {
  BKG_KNOTS,
  GRID_PHI1,
  GRID_PHI2,
  LN_N0_KNOTS,
  membership,
  PHI2_KNOTS,
  STREAM_BLOCKS,
  type StreamModelOptions,
  streamModel,
} from "./models/stream.js";
export {
  type GridColumns,
  simpsonIntegerWeights,
  streamLogIntegral,
} from "./models/stream-integral.js";
export { divergenceFlags, meanTreeDepth, sampleModelSpec } from "./nuts.js";
export { type PipelineResult, runPipeline } from "./pipeline.js";
export { poissonProcessLogLikelihood } from "./poisson.js";
export { SPEC_POTENTIAL, specPotential } from "./potential.js";
