import type { InferenceDataGroup } from "./types.js";

/**
 * The InferenceData groups this package reads and writes, in the order they
 * are written (the order of the ArviZ schema). Groups of a file that are not
 * listed here (e.g. `predictions`) are ignored by the reader.
 */
export const INFERENCE_DATA_GROUPS: readonly InferenceDataGroup[] = [
  "posterior",
  "posterior_predictive",
  "log_likelihood",
  "sample_stats",
  "prior",
  "prior_predictive",
  "observed_data",
  "constant_data",
  "warmup_posterior",
  "warmup_sample_stats",
];

/** bayes_spec's `solution_<k>` groups (caribou_hi's `solve()`): one per unique solution. */
const SOLUTION_GROUP = /^solution_(0|[1-9]\d*)$/;

/** True when `name` is one of {@link INFERENCE_DATA_GROUPS} or a `solution_<k>` group. */
export function isInferenceDataGroup(name: string): name is InferenceDataGroup {
  return (INFERENCE_DATA_GROUPS as readonly string[]).includes(name) || SOLUTION_GROUP.test(name);
}
