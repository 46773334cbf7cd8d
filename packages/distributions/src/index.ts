/**
 * @sidereal/distributions — probability distributions, constraints, bijectors and a
 * splittable counter-based PRNG (JAX's Threefry-2x32 construction).
 */

export type { Bijector } from "./bijectors/bijector.js";
export type { Constraint } from "./constraints/constraint.js";
export { broadcastParams, Distribution } from "./distribution.js";
export { DistributionError } from "./errors.js";
export * from "./random/index.js";
