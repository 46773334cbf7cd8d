/**
 * Run configuration of the three commands: one Schema (decoded by the runtime from the
 * defaults, an optional `--config FILE.json|.yaml` and the flags, unknown keys rejected) and
 * the seed's defaults of each command.
 */
import { NonNegativeInt, SamplingFields } from "@sidereal/runtime";
import { Schema } from "effect";
import { BUNDLED_M67, SEED_CUTS } from "./data.js";
import { BUNDLED_LINEAR } from "./linear-data.js";

export const COMMANDS = ["outliers", "single", "m67"] as const;
export type Command = (typeof COMMANDS)[number];

/** The configuration of one run (every command takes the same fields). */
export const RunConfig = Schema.Struct({
  ...SamplingFields,
  /** Input file: the FITS catalogue (single, m67) or the line JSON (outliers). */
  data: Schema.String.check(Schema.isMinLength(1)),
  /** Use only the first N stars after the cuts (0 = all); for quick looks and tests. */
  maxStars: NonNegativeInt,
  /** `single`: which star, by rank of parallax S/N in the cut catalogue (0 = lowest). */
  rank: NonNegativeInt,
  /** Parallax cuts [mas]: keep parallaxMin < parallax < parallaxMax. */
  cuts: Schema.Struct({ parallaxMin: Schema.Finite, parallaxMax: Schema.Finite }),
  /**
   * Compile the potential with the WebAssembly SIMD backend of @sidereal/tensor (`wasm` of
   * `mcmc`): on by default for m67 (3× faster there; the potential agrees with the JS
   * path to 1e-12, draws stay identical across worker counts), off for the others.
   */
  wasm: Schema.Boolean,
});
export type RunConfig = typeof RunConfig.Type;

export const DEFAULT_OUT = "out/gaia-distances";

/** The seed's settings of each command (chains × (warmup + draws), PRNG seed, input). */
export const DEFAULTS: Readonly<Record<Command, Omit<RunConfig, "workers">>> = {
  outliers: {
    out: DEFAULT_OUT,
    data: BUNDLED_LINEAR,
    chains: 2,
    warmup: 2000,
    draws: 2000,
    seed: 3,
    maxStars: 0,
    rank: 0,
    cuts: SEED_CUTS,
    wasm: false,
  },
  single: {
    out: DEFAULT_OUT,
    data: BUNDLED_M67,
    chains: 2,
    warmup: 2000,
    draws: 4000,
    seed: 5,
    maxStars: 0,
    rank: 0,
    cuts: SEED_CUTS,
    wasm: false,
  },
  m67: {
    out: DEFAULT_OUT,
    data: BUNDLED_M67,
    chains: 2,
    warmup: 2000,
    draws: 4000,
    seed: 7,
    maxStars: 0,
    rank: 0,
    cuts: SEED_CUTS,
    wasm: true,
  },
};
