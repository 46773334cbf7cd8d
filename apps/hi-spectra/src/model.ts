/**
 * Building a caribou_hi model from the configuration and running bayes_spec's steps on it
 * (ADVI `fit`, NUTS `sample` with progress, `solve`) as Effects with the runtime's errors:
 * an impossible prior is a `ConfigError` (exit 2, before any work), a failed fit a `RunError`.
 */
import { availableParallelism } from "node:os";
import {
  type HiDataInput,
  type HiModel,
  HiModelError,
  type HiModelKind,
  linspace,
  MODEL_CLASSES,
  priorsFromCaribouNames,
  type SampleOptions,
} from "@sidereal/hi-physics";
import { ConfigError, loggerSink, Progress, RunError, reasonOf } from "@sidereal/runtime";
import { Effect } from "effect";
import type { HiConfig } from "./config.js";

/** Priors of the config as a `ConfigError` naming the argument when one is impossible. */
const priorError = (e: unknown, priors?: string) =>
  new ConfigError({
    field:
      e instanceof HiModelError && e.argument !== ""
        ? `priors.${e.argument}`
        : (priors ?? "priors"),
    reason: e instanceof HiModelError ? e.message : reasonOf(e),
  });

/** The model of `config` (family, cloud count, priors) on `data`, checked at its initial point. */
export function buildModel(
  config: Pick<HiConfig, "model" | "nClouds" | "baselineDegree" | "bgTemp" | "seed" | "priors">,
  data: HiDataInput,
  overrides: {
    readonly model?: HiModelKind;
    readonly nClouds?: number;
    readonly priors?: Readonly<Record<string, unknown>>;
  } = {},
): Effect.Effect<HiModel, ConfigError> {
  return Effect.flatMap(loggerSink(), (output) =>
    Effect.try({
      try: () => {
        const Class = MODEL_CLASSES[overrides.model ?? config.model];
        const model = new Class(data, {
          nClouds: overrides.nClouds ?? config.nClouds,
          baselineDegree: config.baselineDegree,
          bgTemp: config.bgTemp,
          seed: config.seed,
          // the model's messages and ADVI/NUTS progress lines go through the Logger
          output,
        });
        const priors = priorsFromCaribouNames({ ...config.priors, ...overrides.priors });
        (model as unknown as { addPriors(p: object): HiModel }).addPriors(priors).addLikelihood();
        model.validate();
        return model;
      },
      catch: (e) => priorError(e),
    }),
  );
}

/** ADVI options of the config: tolerances, learning rate, velocity_norm = linspace(a, b, n). */
export function adviOptions(config: HiConfig, nClouds: number) {
  const [a, b] = config.startVelocityNorm;
  return {
    n: config.advi.n,
    draws: config.advi.draws,
    relTolerance: config.advi.relTolerance,
    absTolerance: config.advi.absTolerance,
    learningRate: config.advi.learningRate,
    start: { velocity_norm: linspace(a, b, nClouds) },
  };
}

/** The metric a config's NUTS adapts, for progress lines and the report. */
export const metricName = (config: HiConfig): string =>
  config.denseMass ? "dense metric (Stan's windows)" : "diagonal metric (PyMC's tuning)";

/** NUTS options of the config (bayes_spec's `sample` with init advi+adapt_diag). */
export function nutsOptions(config: HiConfig, nClouds: number): SampleOptions {
  const advi = adviOptions(config, nClouds);
  // default: one worker per chain up to the cores of the machine
  const workers = config.workers ?? Math.min(config.chains, availableParallelism());
  return {
    chains: config.chains,
    tune: config.warmup,
    draws: config.draws,
    targetAccept: config.targetAccept,
    ...(config.denseMass ? { denseMass: true } : {}),
    nInit: advi.n,
    initKwargs: {
      relTolerance: advi.relTolerance,
      absTolerance: advi.absTolerance,
      learningRate: advi.learningRate,
      start: advi.start,
    },
    ...(workers > 0 ? { chainMethod: "parallel" as const, numWorkers: workers } : {}),
  };
}

/** ADVI (`fit`) on `model`, timed; a failure is a RunError. */
export const runAdvi = (model: HiModel, config: HiConfig, label = "ADVI") =>
  Effect.gen(function* () {
    const progress = yield* Progress;
    progress.message(`${label}: up to ${config.advi.n} iterations`);
    const t0 = performance.now();
    // yields the event loop every ~50 ms: Ctrl-C stops a long fit at once
    const r = yield* model
      .fitEffect(adviOptions(config, model.nClouds))
      .pipe(Effect.mapError((e) => new RunError({ stage: label, reason: reasonOf(e) })));
    const seconds = (performance.now() - t0) / 1000; // r.message: logged by the model
    return { iterations: r.iterations, converged: r.converged, message: r.message, seconds };
  });

/** NUTS (`sample`) then `solve` on `model`, with per-chain progress; timed. */
export const runNuts = (model: HiModel, config: HiConfig, label = "NUTS") =>
  Effect.gen(function* () {
    const progress = yield* Progress;
    const total = config.warmup + config.draws;
    const t0 = performance.now();
    progress.message(
      `${label}: advi+adapt_diag initialisation, then ${config.chains} chains × (${config.warmup} + ${config.draws}), ${metricName(config)}`,
    );
    yield* model
      .sampleEffect({
        ...nutsOptions(config, model.nClouds),
        onProgress: (chain, p) =>
          progress.update(
            `${label} chain ${chain}`,
            p.phase === "warmup" ? p.iteration : config.warmup + p.iteration,
            total,
            p.phase,
          ),
      })
      .pipe(Effect.mapError((e) => new RunError({ stage: label, reason: reasonOf(e) })));
    for (let c = 0; c < config.chains; c++) progress.finish(`${label} chain ${c}`);
    const seconds = (performance.now() - t0) / 1000;
    const solved = yield* Effect.try({
      try: () =>
        model.solve({
          initParams: "random_from_data",
          nInit: config.solve.nInit,
          maxIter: config.solve.maxIter,
          klDivThreshold: config.solve.klDivThreshold,
        }),
      catch: (e) => new RunError({ stage: `${label} solve`, reason: reasonOf(e) }),
    });
    for (const m of solved.messages) progress.message(`${label} solve: ${m}`);
    let divergences = 0;
    for (const d of model.trace?.sampleStats.diverging?.data ?? []) divergences += Number(d);
    return {
      seconds,
      messages: [...solved.messages],
      nSolutions: solved.solutions.length,
      divergences,
      metric: metricName(config),
    };
  });

/** Solution 0 when `solve` found one, else all chains (undefined). */
export const firstSolution = (model: HiModel): number | undefined =>
  model.solutions.length > 0 ? 0 : undefined;

/** Solution 0 (or every chain), its posterior and its posterior predictive (every `thin`-th draw). */
export const solvedPosterior = (model: HiModel, thin: number) =>
  Effect.try({
    try: () => {
      const solution = firstSolution(model);
      const sel = solution !== undefined ? { solution } : {};
      return {
        solution,
        posterior: model.posteriorOf(solution),
        predictive: model.samplePosteriorPredictive({ ...sel, thin }),
      };
    },
    catch: (e) => new RunError({ stage: "posterior predictive", reason: reasonOf(e) }),
  });
