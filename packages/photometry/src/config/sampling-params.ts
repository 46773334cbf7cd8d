/**
 * agnfinder's `SamplingParams` (seed §3.2.2, spec §1.6) as an Effect Schema with the seed's
 * defaults: 40,000,000 samples, one worker per CPU, the DES filter set, shuffled output.
 */
import { availableParallelism } from "node:os";
import { Schema } from "effect";
import { FILTER_SET_NAMES, type FilterSetName } from "../filters/filter-sets.js";

const PositiveInt = Schema.Int.check(Schema.isGreaterThan(0));

/** SamplingParams as written in a config file; every key optional. */
export const SamplingParamsInput = Schema.Struct({
  nSamples: Schema.optionalKey(PositiveInt),
  concurrency: Schema.optionalKey(PositiveInt),
  saveDir: Schema.optionalKey(Schema.String.check(Schema.isMinLength(1))),
  /** Deprecated and unused, as in agnfinder; accepted so old configs decode. */
  noise: Schema.optionalKey(Schema.Boolean),
  filters: Schema.optionalKey(Schema.Literals(FILTER_SET_NAMES)),
  shuffle: Schema.optionalKey(Schema.Boolean),
});
export type SamplingParamsInput = typeof SamplingParamsInput.Type;

export interface SamplingParams {
  /** Total samples across all workers. */
  readonly nSamples: number;
  /** Worker count P (each gets a redshift slice). */
  readonly concurrency: number;
  readonly saveDir: string;
  readonly noise: boolean;
  readonly filters: FilterSetName;
  readonly shuffle: boolean;
}

/** The seed's defaults; `concurrency` is this machine's CPU count. */
export const seedSamplingParams = (): SamplingParams => ({
  nSamples: 40_000_000,
  concurrency: availableParallelism(),
  saveDir: "./data/cubes/my_simulation_results",
  noise: false,
  filters: "DES",
  shuffle: true,
});

/** The seed's defaults overridden by a decoded input. */
export const resolveSamplingParams = (input: SamplingParamsInput): SamplingParams => ({
  ...seedSamplingParams(),
  ...input,
});
