/**
 * Run configuration, decoded with effect/Schema from CLI flags: bad values become a
 * ConfigError naming the flag, before anything is read or written.
 */
import { Effect, Schema } from "effect";
import { ConfigError } from "./errors.js";

const PositiveInt = Schema.Int.check(Schema.isGreaterThan(0));
const NonNegativeInt = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0));

export const RunConfig = Schema.Struct({
  /** Path of the Gaia FITS catalogue (default: the bundled M67 file). */
  data: Schema.String,
  /** Output folder. */
  out: Schema.String,
  numWarmup: NonNegativeInt,
  numSamples: PositiveInt,
  numChains: PositiveInt,
  maxTreeDepth: PositiveInt,
  targetAccept: Schema.Number.check(Schema.isBetween({ minimum: 0.5, maximum: 0.999 })),
  seed: NonNegativeInt,
  /** Use only the first N stars (0 = all); for quick looks and tests. */
  maxStars: NonNegativeInt,
});
export type RunConfig = typeof RunConfig.Type;

/** The seed's settings: 2 chains × (2000 warmup + 4000 draws). */
export const SEED_SETTINGS = {
  numWarmup: 2000,
  numSamples: 4000,
  numChains: 2,
  maxTreeDepth: 10,
  targetAccept: 0.8,
};
/** The quick demo: short chains that still show every output. */
export const QUICK_SETTINGS = {
  numWarmup: 300,
  numSamples: 300,
  numChains: 2,
  maxTreeDepth: 10,
  targetAccept: 0.8,
};

export const decodeConfig = (input: unknown): Effect.Effect<RunConfig, ConfigError> =>
  Schema.decodeUnknownEffect(RunConfig)(input).pipe(
    Effect.mapError((e) => new ConfigError({ field: "flags", reason: String(e.message ?? e) })),
  );
