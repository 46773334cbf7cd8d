/**
 * BlackJAX-style functional MCMC kernels over a flat potential `U(q) = −log p(q)`:
 * leapfrog integration, static HMC, NUTS (multinomial, generalised U-turn criterion) and
 * Stan-style warmup (step-size search, dual averaging, windowed mass-matrix estimation), plus a
 * single-chain runner.
 */
export * from "./adaptation/index.js";
export {
  type ChainCheckpoint,
  type ChainHistory,
  type ChainSnapshot,
  CheckpointLog,
  concatStats,
  sliceStats,
} from "./checkpoint.js";
export { McmcParameterError, McmcShapeError, McmcValueError } from "./errors.js";
export {
  buildHMCKernel,
  type HMCInfo,
  type HMCKernel,
  type HMCKernelOptions,
  type HMCOptions,
  hmc,
  type MutableHMCInfo,
} from "./hmc.js";
export {
  buildIntegrator,
  type Integrator,
  type IntegratorState,
  leapfrogInPlace,
  type MutableIntegratorState,
} from "./integrators.js";
export {
  asSamplingAlgorithm,
  type Mutable,
  type SamplingAlgorithm,
  type TransitionInfo,
  type TunableKernel,
  tunableKernel,
} from "./kernel.js";
export { buildMetric, type Metric, metricCache } from "./metric.js";
export {
  buildNUTSKernel,
  type MutableNUTSInfo,
  type NUTSInfo,
  type NUTSKernel,
  type NUTSKernelOptions,
  type NUTSOptions,
  nuts,
} from "./nuts.js";
export {
  type SampleChainOptions,
  type SampleChainResult,
  type SampleProgress,
  type SampleStats,
  sampleChain,
} from "./sample.js";
export { initState } from "./state.js";
export type {
  HMCState,
  InverseMassMatrix,
  KernelParams,
  MutableHMCState,
  Potential,
} from "./types.js";
