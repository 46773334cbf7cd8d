/**
 * @sidereal/distributions — probability distributions, constraints, bijectors and a
 * splittable counter-based PRNG (JAX's Threefry-2x32 construction).
 */
export * from "./random/index.js";
