/**
 * Run configuration. What a user gives (flags and an optional `--config FILE.json|.yaml`,
 * decoded by the runtime with `Settings`, unknown keys rejected) is resolved into the
 * pipeline's `RunConfig`: `--full` (or the `gd1` command) picks the seed's run lengths,
 * otherwise the quick ones, and explicit values override them.
 */
import { availableParallelism } from "node:os";
import {
  type ConfigError,
  decodeConfig as decodeWith,
  NonEmptyString,
  NonNegativeInt,
  PositiveInt,
  Seed,
} from "@sidereal/runtime";
import { type Effect, Schema } from "effect";
import { BUNDLED_GAUSSIAN_1D, BUNDLED_GD1 } from "./data.js";

/** Which model(s) to run: the seed's three fits, or all of them. */
export const Command = Schema.Literals(["gaussian", "spline", "gd1", "all"]);
export type Command = typeof Command.Type;

export const RunConfig = Schema.Struct({
  command: Command,
  /** Output folder. */
  out: Schema.String,
  /** The 1-D sample (raw little-endian float64). */
  gaussianData: Schema.String,
  /** The GD-1 FITS catalogue (needs columns gd1_phi1, gd1_phi2). */
  gd1Data: Schema.String,
  /** Use only the first N 1-D points (0 = all 100,000). */
  maxPoints: NonNegativeInt,
  /** Use every k-th GD-1 star so that about N remain (0 = all 2960). */
  maxStars: NonNegativeInt,
  /** NUTS on the 1-D spline model. */
  numWarmup: NonNegativeInt,
  numSamples: PositiveInt,
  numChains: PositiveInt,
  /** NUTS on the GD-1 model (gd1Samples = 0: MAP only). */
  gd1Warmup: NonNegativeInt,
  gd1Samples: NonNegativeInt,
  gd1Chains: PositiveInt,
  /** L-BFGS-B iteration limit for GD-1 (the seed: 100000). */
  gd1MaxIter: PositiveInt,
  maxTreeDepth: PositiveInt,
  /** Worker threads for the NUTS chains (0 = all chains in the main thread); draws do not depend on it. */
  workers: NonNegativeInt,
  targetAccept: Schema.Number.check(Schema.isBetween({ minimum: 0.5, maximum: 0.999 })),
  seed: NonNegativeInt,
});
export type RunConfig = typeof RunConfig.Type;

/** The seed's settings: 1000 warmup + 1000 draws for the 1-D spline (4 chains here), GD-1 NUTS on. */
export const SEED_SETTINGS = {
  numWarmup: 1000,
  numSamples: 1000,
  numChains: 4,
  gd1Warmup: 300,
  gd1Samples: 300,
  gd1Chains: 2,
  gd1MaxIter: 100_000,
  maxTreeDepth: 10,
  targetAccept: 0.8,
} as const;

/** Quick defaults (about a minute): shorter 1-D chains, GD-1 MAP only. */
export const QUICK_SETTINGS = {
  numWarmup: 500,
  numSamples: 500,
  numChains: 2,
  gd1Warmup: 0,
  gd1Samples: 0,
  gd1Chains: 1,
  gd1MaxIter: 100_000,
  maxTreeDepth: 10,
  targetAccept: 0.8,
} as const;

/**
 * The settings a user gives (flags or config file; every key optional except where a
 * default is listed in `SETTINGS_DEFAULTS`), named as in every Sidereal app.
 */
export const Settings = Schema.Struct({
  out: NonEmptyString,
  seed: Seed,
  full: Schema.Boolean,
  gaussianData: NonEmptyString,
  gd1Data: NonEmptyString,
  maxPoints: NonNegativeInt,
  maxStars: NonNegativeInt,
  chains: Schema.optionalKey(PositiveInt),
  warmup: Schema.optionalKey(NonNegativeInt),
  draws: Schema.optionalKey(PositiveInt),
  gd1Chains: Schema.optionalKey(PositiveInt),
  gd1Warmup: Schema.optionalKey(NonNegativeInt),
  gd1Draws: Schema.optionalKey(NonNegativeInt),
  gd1MaxIter: Schema.optionalKey(PositiveInt),
  workers: Schema.optionalKey(NonNegativeInt),
});
export type Settings = typeof Settings.Type;

export const SETTINGS_DEFAULTS = {
  out: "out/stream-density",
  seed: 42,
  full: false,
  gaussianData: BUNDLED_GAUSSIAN_1D,
  gd1Data: BUNDLED_GD1,
  maxPoints: 0,
  maxStars: 0,
} as const;

/** The pipeline's configuration of `command` from the user's settings (see the module doc). */
export function resolveRunConfig(command: Command, s: Settings): RunConfig {
  const base = s.full ? SEED_SETTINGS : QUICK_SETTINGS;
  // the `gd1` command samples by default (the seed's suggestion): GD-1 NUTS 2 × (300 + 300)
  const gd1Base = s.full || command === "gd1" ? SEED_SETTINGS : QUICK_SETTINGS;
  const cores = availableParallelism();
  return {
    command,
    out: s.out,
    gaussianData: s.gaussianData,
    gd1Data: s.gd1Data,
    maxPoints: s.maxPoints,
    maxStars: s.maxStars,
    numWarmup: s.warmup ?? base.numWarmup,
    numSamples: s.draws ?? base.numSamples,
    numChains: s.chains ?? base.numChains,
    gd1Warmup: s.gd1Warmup ?? gd1Base.gd1Warmup,
    gd1Samples: s.gd1Draws ?? gd1Base.gd1Samples,
    gd1Chains: s.gd1Chains ?? gd1Base.gd1Chains,
    gd1MaxIter: s.gd1MaxIter ?? base.gd1MaxIter,
    maxTreeDepth: base.maxTreeDepth,
    workers: s.workers ?? (cores > 1 ? cores : 0),
    targetAccept: base.targetAccept,
    seed: s.seed,
  };
}

/** Decodes a whole `RunConfig` (library use and tests); a ConfigError names the field. */
export const decodeConfig = (input: unknown): Effect.Effect<RunConfig, ConfigError> =>
  decodeWith(RunConfig, input);
