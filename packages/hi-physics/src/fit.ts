/**
 * bayes_spec's `fit()` (spec §3.5): mean-field ADVI with PyMC's semantics through
 * `fitAdvi` (windowed Adagrad, `obj_n_mc` draws per step, CheckParametersConvergence on the
 * relative and absolute ∞-norm change every 100 iterations) from the model's initial point
 * (PyMC's support points, `start` overriding them), then `draws` independent draws
 * as a one-chain trace with the pointwise log-likelihood. Defaults are bayes_spec's.
 */
import {
  type AdviResult,
  type FitAdviOptions,
  fitAdvi,
  fitAdviEffect,
} from "@sidereal/autodiff-samplers";
import type { TensorLike } from "@sidereal/tensor";
import { Effect } from "effect";
import type { BaseHiModel } from "./base-model.js";
import { hiModel } from "./hi-model.js";
import { initialPoint } from "./initial-point.js";
import { pointwiseLogLikelihood } from "./likelihood.js";
import { posteriorFromAdvi } from "./trace.js";

/** Options of {@link fitModel} (bayes_spec's `fit` arguments). */
export interface FitOptions {
  /** Maximum iterations (default 1 000 000). */
  readonly n?: number;
  /** Posterior draws (default 1000). */
  readonly draws?: number;
  /** Relative convergence tolerance (default 0.01). */
  readonly relTolerance?: number;
  /** Absolute convergence tolerance (default 0.01). */
  readonly absTolerance?: number;
  /** Adagrad-window learning rate (default 0.001). */
  readonly learningRate?: number;
  /** Monte-Carlo draws of the ELBO per step (default 5). */
  readonly objNMc?: number;
  /** Starting values in constrained space, e.g. `{ velocity_norm: [0.1, 0.5, 0.9] }`. */
  readonly start?: Readonly<Record<string, TensorLike>>;
  /** Progress and PyMC's final messages on stderr (default: the model's `verbose`). */
  readonly progress?: boolean;
}

/** Runs ADVI on `model`, sets `model.trace` (one chain) and `model.advi`, returns the ADVI result. */
export function fitModel(model: BaseHiModel<object>, options: FitOptions = {}): AdviResult {
  const { data, advi } = adviInputs(model, options);
  return storeAdvi(model, data, fitAdvi(hiModel, data, advi));
}

/**
 * {@link fitModel} as an Effect that hands the event loop back every ~50 ms (Ctrl-C and
 * interrupts stop a long fit at once); fails with the thrown error (`HiModelError`, `SviError`).
 */
export const fitModelEffect = (
  model: BaseHiModel<object>,
  options: FitOptions = {},
): Effect.Effect<AdviResult, unknown> =>
  Effect.flatMap(
    Effect.try({ try: () => adviInputs(model, options), catch: (e) => e }),
    ({ data, advi }) =>
      Effect.map(fitAdviEffect(hiModel, data, advi), (r) => storeAdvi(model, data, r)),
  );

/** Validates `model`, clears its results and builds `fitAdvi`'s data and options. */
function adviInputs(model: BaseHiModel<object>, options: FitOptions) {
  model.validate();
  model.resetResults();
  const data = model.modelData(true);
  const advi: FitAdviOptions = {
    n: options.n ?? 1_000_000,
    draws: options.draws ?? 1000,
    relTolerance: options.relTolerance ?? 0.01,
    absTolerance: options.absTolerance ?? 0.01,
    learningRate: options.learningRate ?? 0.001,
    objNMc: options.objNMc ?? 5,
    // PyMC starts ADVI at the model's initial point, with `start` overriding it.
    start: { ...initialPoint(data), ...options.start },
    seed: model.seed,
    progress: options.progress ?? model.verbose,
    ...(model.output !== undefined ? { progressStream: model.output } : {}),
  };
  return { data, advi };
}

/** Sets `model.trace` and `model.advi` from an ADVI result. */
function storeAdvi(
  model: BaseHiModel<object>,
  data: ReturnType<BaseHiModel<object>["modelData"]>,
  result: AdviResult,
): AdviResult {
  const dims = new Map(model.sites.map((s) => [s.name, s.dims]));
  const posterior = posteriorFromAdvi(result, (name) => dims.get(name) ?? []);
  model.say("Adding log-likelihood to trace");
  const logLikelihood = pointwiseLogLikelihood(data, posterior, model.freeRVs);
  model.trace = { method: "advi", posterior, logLikelihood, sampleStats: {}, solutions: [] };
  model.advi = result;
  return result;
}
