/**
 * Splittable, counter-based pseudo-random numbers in the style of `jax.random`, on
 * Threefry-2x32-20, with no tensor-library dependency: samplers take a {@link PRNGKey} and a
 * `shape` and return flat row-major typed arrays whose length is the product of `shape`.
 *
 * Keys, `split`, `foldIn`, `randomBits`, `uniform` (and so `exponential`, `bernoulli`,
 * `gumbel`) follow JAX's original (`jax_threefry_partitionable=False`) constructions, so they
 * reproduce JAX's bits for the same key. The same key always gives the same numbers, on every
 * machine, whatever else has been drawn.
 */

export { bernoulli } from "./bernoulli.js";
export { beta } from "./beta.js";
export { categorical } from "./categorical.js";
export { type ChoiceOptions, choice } from "./choice.js";
export { dirichlet } from "./dirichlet.js";
export { exponential } from "./exponential.js";
export { gamma, loggamma } from "./gamma.js";
export { gumbel } from "./gumbel.js";
export { key, keyData, type PRNGKey, wrapKeyData } from "./key.js";
export { ndtri } from "./ndtri.js";
export { normal } from "./normal.js";
export { permutation } from "./permutation.js";
export { poisson } from "./poisson.js";
export { randint } from "./randint.js";
export { randomBits } from "./random-bits.js";
export {
  RandomArgumentError,
  type RandomArgumentErrorFields,
} from "./random-error.js";
export { foldIn, split } from "./split.js";
export { threefry2x32 } from "./threefry.js";
export { uniform } from "./uniform.js";
