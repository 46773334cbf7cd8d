/**
 * Distribution wrappers: `Independent` (toEvent), `ExpandedDistribution` (expand) and
 * `MaskedDistribution` (mask). Importing this module registers them with the
 * `Distribution` base class (see `registerDistributionWrappers` in ../distribution.ts).
 */
export { ExpandedDistribution, ExpandedDistributionImpl } from "./expanded.js";
export { Independent, IndependentImpl } from "./independent.js";
export { MaskedDistribution, MaskedDistributionImpl } from "./masked.js";
