/**
 * The settings of seed 000 (caribou_hi tutorial "EmissionAbsorptionModel Constant Column
 * Density Bias", Wenger 2025): spectral axes, noise, the simulation priors of cell [3], the
 * fit priors of cell [16], the physical inputs of cell [4], and the sampler settings of cells
 * [25], [28] and [31].
 */
import type { EmissionAbsorptionPriorOptions } from "./priors.js";

/** NumPy's `linspace(start, stop, num)`: start + i·step, the last point set to stop exactly. */
export function linspace(start: number, stop: number, num: number): Float64Array {
  if (num === 1) return Float64Array.from([start]);
  const step = (stop - start) / (num - 1);
  const y = Float64Array.from({ length: num }, (_, i) => i * step + start);
  if (num > 1) y[num - 1] = stop;
  return y;
}

export const SEED = {
  nClouds: 3,
  baselineDegree: 0,
  bgTemp: 3.77,
  seed: 1234,
  emissionAxis: { start: -60, stop: 60, num: 200 },
  absorptionAxis: { start: -30, stop: 30, num: 100 },
  /** K. */
  rmsEmission: 0.1,
  /** In units of 1 − e^{−τ}. */
  rmsAbsorption: 0.001,
  emissionLabels: { xlabel: "$V_{\\rm LSR}$ (km s$^{-1}$)", ylabel: "$T_B$ (K)" },
  absorptionLabels: { xlabel: "$V_{\\rm LSR}$ (km s$^{-1}$)", ylabel: "1 - exp(-$\\tau$)" },
} as const;

/** Cell [3]: the priors of the model that simulates the data. */
export const SEED_SIMULATION_PRIORS: EmissionAbsorptionPriorOptions = {
  priorFillingFactor: [2, 1],
  priorTBFwhm: 50,
  priorTkinFactor: [2, 2],
  priorSigmaLog10NHI: 0.5,
  priorFwhm2: 200,
  priorLog10NHI: [0, 1.5],
  priorVelocity: [-15, 15],
  priorLog10NAlpha: [-6, 1],
  priorFwhmL: null,
  priorBaselineCoeffs: null,
};

/** Cell [16]: the priors of the fitted model (constant column density: σ = null). */
export const SEED_FIT_PRIORS: EmissionAbsorptionPriorOptions = {
  priorFillingFactor: [2, 1],
  priorTBFwhm: 200,
  priorTkinFactor: [2, 2],
  priorSigmaLog10NHI: null,
  priorFwhm2: 200,
  priorLog10NHI: [0, 1.5],
  priorVelocity: [-20, 20],
  priorLog10NAlpha: [-6, 1],
  priorFwhmL: null,
  priorBaselineCoeffs: null,
};

/** Cell [4]: the physical inputs per cloud. */
export const SEED_CLOUDS = {
  fillingFactor: [0.2, 0.8, 1.0],
  absorptionWeight: [0.9, 0.8, 1.0],
  log10NHI: [1.25, 0.0, -0.5],
  tkin: [50.0, 300.0, 5000.0],
  nAlpha: [1.0e-6, 2.0e-6, 3.0e-6],
  depth: [5.0, 25.0, 300.0],
  nthFwhm1pc: [1.25, 1.75, 1.5],
  depthNthFwhmPower: [0.2, 0.3, 0.4],
  velocity: [-5.0, 5.0, 10.0],
} as const;

/**
 * Cell [5]'s `log10_n_alpha`: prior draws of PyMC (the 4.1 model has no `n_alpha` node, so the
 * notebook's n_alpha was ignored and log10_n_alpha_norm forward-sampled; spec §4.2). Taken as
 * inputs so that the model deterministics of `sim_params` are reproduced.
 */
export const SEED_LOG10_N_ALPHA_DRAWS = [-5.39682159, -5.98007026, -5.53006719] as const;

/** Cell [25] (`fit`) and the ADVI of cell [28]'s init. */
export const SEED_ADVI = {
  n: 1_000_000,
  draws: 1000,
  relTolerance: 0.005,
  absTolerance: 0.005,
  learningRate: 0.001,
  /** start = { velocity_norm: linspace(0.1, 0.9, n_clouds) }. */
  startVelocityNorm: [0.1, 0.5, 0.9],
} as const;

/** Cell [28] (`sample`). */
export const SEED_NUTS = { tune: 1000, draws: 1000, chains: 8, targetAccept: 0.9 } as const;

/** Cell [31] (`solve`). */
export const SEED_SOLVE = {
  initParams: "random_from_data",
  nInit: 10,
  maxIter: 1000,
  klDivThreshold: 0.1,
} as const;
