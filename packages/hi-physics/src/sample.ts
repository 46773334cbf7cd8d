/**
 * bayes_spec's `sample()` (spec §3.6): NUTS through `mcmcEffect` with the "advi+adapt_diag"
 * initialisation (one ADVI fit with `init_nuts`'s defaults, one chain start per draw of the
 * approximation, its variances as the initial diagonal inverse mass matrix), then the
 * pointwise log-likelihood. Chains run sequentially or in worker threads (`chainMethod:
 * "parallel"`; the model is imported there from this package's `hiModel`).
 *
 * Tuning is PyMC's (`warmup: "pymc"` of `mcmc`, the default `adaptation` here): the step size
 * starts at 0.25/d^¼ and is dual-averaged without restarts, trees stop at depth 8 for the first
 * 200 iterations, and the diagonal metric is QuadPotentialDiagAdapt's, whose estimator starts
 * from the ADVI mean and variances weighted as `initial_weight = 50` draws
 * (`ADVI_INITIAL_WEIGHT`). With PyMC's defaults that weighted start is swapped out at draw 101
 * before the metric is first read from it, so until then the metric is the ADVI variance and
 * afterwards the running variance of the tuning draws, as in PyMC. `adaptation: "stan"` uses
 * Stan's windowed adaptation instead (needed for `denseMass`). Warm-up draws are not kept
 * (PyMC's `discard_tuned_samples=False` keeps them).
 */
import {
  type InitializationError,
  type McmcResult,
  type ModelError,
  mcmcEffect,
  type SampleProgress,
  type SamplerError,
} from "@sidereal/autodiff-samplers";
import type { TensorLike } from "@sidereal/tensor";
import { Effect } from "effect";
import type { BaseHiModel } from "./base-model.js";
import { HiModelError } from "./errors.js";
import { hiModel } from "./hi-model.js";
import { initialPoint } from "./initial-point.js";
import { pointwiseLogLikelihood } from "./likelihood.js";
import { type HiTrace, posteriorFromMcmc } from "./trace.js";

/** PyMC's pseudo-sample weight of the ADVI variance in "advi+adapt_diag" (see the module doc);
 * `@sidereal/autodiff-samplers`' ADVI init passes the same value to the sampler. */
export const ADVI_INITIAL_WEIGHT = 50;

/** ADVI options of the initialisation (PyMC `init_nuts` defaults: tolerances 0.001). */
export interface InitKwargs {
  readonly relTolerance?: number;
  readonly absTolerance?: number;
  readonly learningRate?: number;
  readonly objNMc?: number;
  readonly start?: Readonly<Record<string, TensorLike>>;
}

/** Options of {@link sampleModelEffect} (bayes_spec's `sample` arguments). */
export interface SampleOptions {
  /** "advi+adapt_diag" (default, bayes_spec's) or "strategy" (the sampler's own init). */
  readonly init?: "advi+adapt_diag" | "strategy";
  /** Maximum ADVI iterations of the initialisation (default 1 000 000). */
  readonly nInit?: number;
  /** Number of chains (default 4). */
  readonly chains?: number;
  /** Warm-up iterations per chain (default 1000). */
  readonly tune?: number;
  /** Kept draws per chain (default 1000). */
  readonly draws?: number;
  readonly initKwargs?: InitKwargs;
  /** NUTS target acceptance (nuts_kwargs.target_accept; default 0.8). */
  readonly targetAccept?: number;
  readonly maxTreeDepth?: number;
  /**
   * Adapt a dense mass matrix (default false, as PyMC's diagonal adaptation). The seed model's
   * posterior is strongly correlated; see the README for its effect on tree depth.
   */
  readonly denseMass?: boolean;
  /**
   * Tuning algorithm: "pymc" (default unless `denseMass`: PyMC's, as bayes_spec runs it) or
   * "stan" (Stan's windowed adaptation; the default with `denseMass`).
   */
  readonly adaptation?: "pymc" | "stan";
  /** "sequential" (default) or "parallel" (worker threads). */
  readonly chainMethod?: "sequential" | "parallel";
  readonly numWorkers?: number;
  /** Per-chain progress lines on stderr. */
  readonly progress?: boolean;
  readonly onProgress?: (chain: number, progress: SampleProgress) => void;
}

/** The trace of an MCMC result on `model`. */
export function traceFromMcmc(model: BaseHiModel<object>, result: McmcResult): HiTrace {
  const posterior = posteriorFromMcmc(result);
  const logLikelihood = pointwiseLogLikelihood(model.modelData(true), posterior, model.freeRVs);
  const sampleStats: Record<string, HiTrace["sampleStats"][string]> = {};
  for (const [name, s] of Object.entries(result.sampleStats))
    sampleStats[name] = { data: s.draws, dims: s.dims, shape: s.shape };
  return { method: "nuts", posterior, logLikelihood, sampleStats, solutions: [] };
}

/** NUTS on `model` as an Effect; on success sets `model.trace` and returns it. */
export function sampleModelEffect(
  model: BaseHiModel<object>,
  options: SampleOptions = {},
): Effect.Effect<HiTrace, HiModelError | ModelError | InitializationError | SamplerError> {
  return Effect.gen(function* () {
    yield* Effect.try({
      try: () => {
        model.validate();
        model.resetResults();
      },
      catch: (e) =>
        e instanceof HiModelError
          ? e
          : new HiModelError({ method: "sample", argument: "", message: String(e) }),
    });
    const init = options.init ?? "advi+adapt_diag";
    const k = options.initKwargs ?? {};
    if (init === "advi+adapt_diag")
      model.say("Initializing NUTS using custom advi+adapt_diag strategy");
    const data = model.modelData(true);
    const result = yield* mcmcEffect(
      options.chainMethod === "parallel" ? (hiModel.ref ?? hiModel) : hiModel,
      data,
      {
        numWarmup: options.tune ?? 1000,
        numSamples: options.draws ?? 1000,
        numChains: options.chains ?? 4,
        chainMethod: options.chainMethod ?? "sequential",
        targetAccept: options.targetAccept ?? 0.8,
        ...(options.maxTreeDepth !== undefined ? { maxTreeDepth: options.maxTreeDepth } : {}),
        ...(options.denseMass !== undefined ? { denseMass: options.denseMass } : {}),
        warmup: options.adaptation ?? (options.denseMass === true ? "stan" : "pymc"),
        init,
        advi: {
          n: options.nInit ?? 1_000_000,
          relTolerance: k.relTolerance ?? 0.001,
          absTolerance: k.absTolerance ?? 0.001,
          learningRate: k.learningRate ?? 0.001,
          objNMc: k.objNMc ?? 5,
          start: { ...initialPoint(data), ...k.start },
          progress: model.verbose,
          ...(model.output !== undefined ? { progressStream: model.output } : {}),
        },
        seed: model.seed,
        ...(options.numWorkers !== undefined ? { numWorkers: options.numWorkers } : {}),
        ...(options.progress !== undefined ? { progress: options.progress } : {}),
        ...(model.output !== undefined ? { progressStream: model.output } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      },
    );
    model.say("Adding log-likelihood to trace");
    if (result.numDivergences > 0) model.say(`There were ${result.numDivergences} divergences.`);
    const trace = traceFromMcmc(model, result);
    model.trace = trace;
    return trace;
  });
}
