/**
 * Run configuration of the `hi-spectra` commands: one Schema for the inference commands (run,
 * fit, bias, optimize; decoded by the runtime from the defaults, an optional `--config
 * FILE.json|.yaml` and the flags, unknown keys rejected) and one for `simulate`, with the
 * seed's settings as defaults (tutorial cells [3], [16], [25], [28], [31]).
 */
import {
  MODEL_CLASSES,
  priorsToCaribouNames,
  SEED_ADVI,
  SEED_FIT_PRIORS,
  SEED_NUTS,
  SEED_SOLVE,
} from "@sidereal/hi-physics";
import {
  NonEmptyString,
  NonNegativeInt,
  PositiveInt,
  SamplingFields,
  Seed,
} from "@sidereal/runtime";
import { Schema } from "effect";

const Positive = Schema.Finite.check(Schema.isGreaterThan(0));
const Fraction = Schema.Number.check(Schema.isBetween({ minimum: 0.5, maximum: 0.999 }));

/** The model families of caribou_hi (`MODEL_CLASSES` of @sidereal/hi-physics). */
export const ModelKind = Schema.Literals(
  Object.keys(MODEL_CLASSES) as [keyof typeof MODEL_CLASSES],
);

/** ADVI settings (bayes_spec `fit`, and the init of `sample`). */
export const AdviSettings = Schema.Struct({
  n: PositiveInt,
  draws: PositiveInt,
  relTolerance: Positive,
  absTolerance: Positive,
  learningRate: Positive,
});

/** GMM `solve` settings. */
export const SolveSettings = Schema.Struct({
  nInit: PositiveInt,
  maxIter: PositiveInt,
  klDivThreshold: Positive,
});

/** The configuration of `run`, `fit`, `bias` and `optimize`. */
export const HiConfig = Schema.Struct({
  ...SamplingFields,
  /** Input: a simulated.json-layout file, or a JSON map of dataset → CSV file (fit, optimize). */
  data: Schema.String,
  /** The model family. */
  model: ModelKind,
  nClouds: PositiveInt,
  /** optimize: largest cloud count tried. */
  maxClouds: PositiveInt,
  baselineDegree: NonNegativeInt,
  bgTemp: Schema.Finite,
  /**
   * Priors by caribou_hi's argument name (`prior_TB_fwhm`) or its camelCase form
   * (`priorTBFwhm`); checked when the model is built (an impossible value is a config error).
   */
  priors: Schema.Record(Schema.String, Schema.Unknown),
  advi: AdviSettings,
  /** velocity_norm start values linspace(a, b, nClouds) of ADVI (the seed: [0.1, 0.9]). */
  startVelocityNorm: Schema.Tuple([Schema.Finite, Schema.Finite]),
  targetAccept: Fraction,
  /**
   * Adapt a dense mass matrix (Stan's windowed adaptation, ADVI start points and variances as
   * the seed) instead of PyMC's diagonal QuadPotentialDiagAdapt. On by default: the seed
   * posterior's stiff cold-cloud direction makes diagonal chains mix so slowly that `solve`
   * splits them into several "solutions" (see the README); `false` reproduces PyMC's tuning.
   */
  denseMass: Schema.Boolean,
  solve: SolveSettings,
  /** Prior predictive draws (every 20th plotted). */
  priorDraws: PositiveInt,
  /** Posterior predictive: every `thin`-th draw. */
  thin: PositiveInt,
  /** optimize: BIC improvement needed to add a cloud. */
  bicThreshold: NonNegativeInt,
});
export type HiConfig = typeof HiConfig.Type;

/** cell [16]'s priors (hi-physics' `SEED_FIT_PRIORS`) in caribou_hi's names, as a config writes them. */
export const SEED_FIT_PRIOR_ARGS = priorsToCaribouNames(SEED_FIT_PRIORS);

/** The seed's settings (every command starts from them). */
export const HI_DEFAULTS = {
  out: "out/hi-spectra",
  seed: 1234,
  chains: SEED_NUTS.chains,
  warmup: SEED_NUTS.tune,
  draws: SEED_NUTS.draws,
  data: "",
  model: "emission-absorption",
  nClouds: 3,
  maxClouds: 5,
  baselineDegree: 0,
  bgTemp: 3.77,
  priors: SEED_FIT_PRIOR_ARGS,
  advi: {
    n: SEED_ADVI.n,
    draws: SEED_ADVI.draws,
    relTolerance: SEED_ADVI.relTolerance,
    absTolerance: SEED_ADVI.absTolerance,
    learningRate: SEED_ADVI.learningRate,
  },
  startVelocityNorm: [0.1, 0.9],
  targetAccept: SEED_NUTS.targetAccept,
  denseMass: true,
  solve: {
    nInit: SEED_SOLVE.nInit,
    maxIter: SEED_SOLVE.maxIter,
    klDivThreshold: SEED_SOLVE.klDivThreshold,
  },
  priorDraws: 1000,
  thin: 10,
  bicThreshold: 10,
} as const;

/** `simulate`'s configuration. */
export const SimulateConfig = Schema.Struct({
  out: NonEmptyString,
  seed: Seed,
  /** 1: one Gaussian noise draw; 0: the noise-free likelihood mean. */
  noise: Schema.Literals([0, 1]),
});
export type SimulateConfig = typeof SimulateConfig.Type;

export const SIMULATE_DEFAULTS = { out: "out/hi-spectra/simulated", seed: 1234, noise: 1 } as const;
