/**
 * `inferenceCommand`: the command every inference app starts from, so that a new app is a
 * model, its own config fields and a `run`. It is `appCommand` with the standard sampling
 * settings (`--out`, `--seed`, `--chains`, `--warmup`, `--draws`, `--workers`, their Schema
 * fields and defaults) added, `out` resolved against a `--config` file like the app's path
 * fields, and `run` given the staged output folder (`withOutputDir`: the location is
 * checked before any work, the folder appears complete or not at all).
 */
import type { Effect } from "effect";
import { Schema } from "effect";
import { appCommand } from "./cli.js";
import { SamplingFields } from "./config.js";
import type { ConfigError, RunError } from "./errors.js";
import { type AppFlag, standardFlags } from "./flags.js";
import { type OutputDir, type StagedDir, withOutputDir } from "./outputDir.js";

/** Defaults of the standard settings (a spec's `defaults` override them). */
export const INFERENCE_DEFAULTS = { seed: 1, chains: 4, warmup: 1000, draws: 1000 } as const;

/** The decoded configuration of an inference command with the app's fields `F`. */
export type InferenceConfig<F extends Schema.Struct.Fields> = Schema.Struct<
  typeof SamplingFields
>["Type"] &
  Schema.Struct<F>["Type"];

/** What `inferenceCommand` needs (see the module doc). */
export interface InferenceCommandSpec<F extends Schema.Struct.Fields, E, R> {
  readonly name: string;
  readonly description: string;
  /** The app's own config fields (beside `out`, `seed`, `chains`, `warmup`, `draws`, `workers`). */
  readonly config?: F;
  /** Flags of the app's fields, by field (`{ data: Flags.string("data", "…") }`). */
  readonly flags?: Readonly<Record<string, AppFlag<unknown>>>;
  /** The app's fields holding paths (relative ones in a config file: against its folder). */
  readonly pathFields?: readonly string[];
  /** Defaults of any field (default `out`: `out/<name>`; see {@link INFERENCE_DEFAULTS}). */
  readonly defaults?: Readonly<Record<string, unknown>>;
  /** The run, given the decoded configuration and the staged output folder. */
  readonly run: (config: InferenceConfig<F>, dir: StagedDir) => Effect.Effect<void, E, R>;
}

/** An inference command (see the module doc). */
export function inferenceCommand<
  const Name extends string,
  // biome-ignore lint/complexity/noBannedTypes: no app fields beyond the standard ones
  F extends Schema.Struct.Fields = {},
  E = never,
  R = never,
>(spec: InferenceCommandSpec<F, E, R> & { readonly name: Name }) {
  // the app's fields decode without services (they are config values)
  const config = Schema.Struct({ ...SamplingFields, ...spec.config }) as unknown as Schema.Decoder<
    InferenceConfig<F>
  >;
  return appCommand({
    name: spec.name,
    description: spec.description,
    config,
    defaults: { out: `out/${spec.name}`, ...INFERENCE_DEFAULTS, ...spec.defaults },
    flags: { ...spec.flags, ...standardFlags },
    pathFields: ["out", ...(spec.pathFields ?? [])],
    run: (c): Effect.Effect<void, E | ConfigError | RunError, R | OutputDir> =>
      withOutputDir(c.out, (dir) => spec.run(c, dir)),
  });
}
