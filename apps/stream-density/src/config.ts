/**
 * Run configuration, decoded with effect/Schema from CLI flags: bad values (negative
 * counts, wrong types, unknown keys, an unknown command) become a ConfigError naming the
 * field, before anything is read or written.
 */
import { Effect, Schema } from "effect";
import { ConfigError } from "./errors.js";

const PositiveInt = Schema.Int.check(Schema.isGreaterThan(0));
const NonNegativeInt = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0));

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
 * The first field path in a schema issue tree (effect/Schema `Pointer` issues carry a
 * `path`), joined with dots; "flags" when the issue has none.
 */
function issueField(issue: unknown): string {
  const stack: unknown[] = [issue];
  while (stack.length > 0) {
    const i = stack.shift();
    if (typeof i !== "object" || i === null) continue;
    const path = (i as { path?: unknown }).path;
    if (Array.isArray(path) && path.length > 0) return path.map(String).join(".");
    const inner = (i as { issue?: unknown; issues?: unknown }).issues;
    if (Array.isArray(inner)) stack.push(...inner);
    stack.push((i as { issue?: unknown }).issue);
  }
  return "flags";
}

/**
 * Decodes an unknown value into a RunConfig; unknown keys are rejected. The ConfigError's
 * `field` is the offending key (e.g. "numChains", or the unknown key itself).
 */
export const decodeConfig = (input: unknown): Effect.Effect<RunConfig, ConfigError> =>
  Schema.decodeUnknownEffect(RunConfig)(input, { onExcessProperty: "error" }).pipe(
    Effect.mapError(
      (e) => new ConfigError({ field: issueField(e.issue), reason: String(e.message ?? e) }),
    ),
  );
