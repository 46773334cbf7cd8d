/**
 * How `exo-retrieval nuts` starts its chains. From NumPyro's uniform init (σ ∈ (0.14, 7.4)) the
 * posterior is so sharp that warmup stalls; from the prior medians with a unit metric the first
 * adaptation windows run trees of depth 10 (the posterior sds are ~10⁻² of the unconstrained
 * prior widths) at ~0.15 s a gradient on the seed's grid. PyMC's "advi+adapt_diag" hands the
 * chains the scales: a mean-field ADVI fit from the prior medians, each chain starting at a draw
 * of it with its variances as the first metric.
 */
import { initToMedian } from "@sidereal/autodiff-samplers";
import { priorMedians } from "./model.js";

export const NUTS_INITS = ["advi", "median"] as const;
export type NutsInit = (typeof NUTS_INITS)[number];

/**
 * `mcmc` init options: `advi` runs mean-field ADVI (windowed Adagrad, lr 0.01, one particle, at
 * most `adviSteps` iterations or PyMC's convergence rule at tolerance 0.01) from the prior
 * medians; `median` starts every chain at the prior medians with a unit metric.
 */
export const nutsInit = (init: NutsInit, adviSteps: number) =>
  init === "advi"
    ? {
        initStrategy: initToMedian(),
        init: "advi+adapt_diag" as const,
        advi: {
          n: adviSteps,
          learningRate: 0.01,
          objNMc: 1,
          relTolerance: 0.01,
          absTolerance: 0.01,
          start: priorMedians(),
        },
      }
    : { initStrategy: initToMedian() };
