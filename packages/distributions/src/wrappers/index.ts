/**
 * Distribution wrappers: `Independent` (toEvent), `ExpandedDistribution` (expand) and
 * `MaskedDistribution` (mask). Importing this module registers them with the
 * `Distribution` base class (see `registerDistributionWrappers` in ../distribution.ts).
 */
export { ExpandedDistribution } from "./expanded.js";
export { Independent } from "./independent.js";
export { MaskedDistribution } from "./masked.js";
