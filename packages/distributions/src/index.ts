/**
 * @sidereal/distributions — probability distributions, constraints, bijectors and a
 * splittable counter-based PRNG (JAX's Threefry-2x32 construction).
 */

export type { Bijector } from "./bijectors/bijector.js";
export * from "./bijectors/index.js";
export type { Constraint } from "./constraints/constraint.js";
export * as constraints from "./constraints/index.js";
export * from "./continuous/index.js";
export * from "./discrete/index.js";
export { broadcastParams, Distribution } from "./distribution.js";
export { DistributionError } from "./errors.js";
export * from "./mixture/index.js";
export * from "./multivariate/index.js";
export * from "./random/index.js";
export { TransformedDistribution, TransformedDistributionImpl } from "./transformed.js";
export { validationEnabled, withValidation } from "./validate.js";
export * from "./wrappers/index.js";
