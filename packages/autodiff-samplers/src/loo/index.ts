/**
 * Model comparison with ArviZ's semantics, validated against R's loo: PSIS-LOO (`loo`), WAIC
 * (`waic`) and `compare` (elpd differences, their standard errors, stacking or pseudo-BMA
 * weights), on a pointwise log-likelihood `[chains, draws, n]` or an `McmcResult`.
 */
export { type CompareOptions, type CompareRow, compare } from "./compare.js";
export { LooError } from "./errors.js";
export { gpdFit, gpdQuantile } from "./gpdFit.js";
export type { LogLikInput, LogLikMatrix, LogLikSource } from "./logLik.js";
export { type LooOptions, type LooResult, loo } from "./loo.js";
export { psisSmooth, psisTailLength } from "./psis.js";
export { essLoo, relativeEff } from "./relativeEff.js";
export { pseudoBmaWeights, stackingWeights } from "./stackingWeights.js";
export { type WaicOptions, type WaicResult, waic } from "./waic.js";
