/**
 * ArviZ InferenceData as NetCDF-4/HDF5 files (via h5wasm).
 *
 * @module
 */

export { writeFileAtomic, writeFileAtomically } from "./atomic-file.js";
export {
  InferenceDataError,
  type InferenceDataErrorInit,
  isInferenceDataError,
} from "./errors.js";
export { withFixedClock } from "./fixed-clock.js";
export { INFERENCE_DATA_GROUPS, isInferenceDataGroup } from "./groups.js";
export { readInferenceData } from "./read.js";
export { NUTS_SAMPLE_STATS, type NutsSampleStat } from "./sample-stats.js";
export type {
  Attributes,
  AttributeValue,
  CoordinateValues,
  Dataset,
  InferenceData,
  InferenceDataGroup,
  Variable,
  VariableData,
} from "./types.js";
export { type ValidatedGroup, validateInferenceData } from "./validate.js";
export { type WriteInferenceDataOptions, writeInferenceData } from "./write.js";
