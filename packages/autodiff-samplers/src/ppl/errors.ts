/**
 * Typed errors of the probabilistic-programming layer. Each carries a `_tag` naming the
 * class and a `problem` naming what went wrong, plus the offending site where there is one.
 */

/** What a {@link ModelError} is about. */
export type ModelProblem =
  /** Two sites of one model run share a name. */
  | "duplicate-site"
  /** A site's batch shape (or observed value) does not fit an enclosing plate. */
  | "plate-shape"
  /** A random draw was needed outside `seed` (no PRNG key). */
  | "missing-key"
  /** A bad argument to a primitive, handler or runner (size, dim, scale, option). */
  | "bad-argument"
  /** A model feature the inference algorithm does not support (e.g. latent discrete sites). */
  | "unsupported"
  /** A model reference (`{ module, export }`) that cannot be loaded. */
  | "model-reference";

/**
 * An error in a model or in how it is run: duplicate site names, plate shape mismatches,
 * missing PRNG keys, bad arguments. `site` names the site concerned (empty when none).
 */
export class ModelError extends Error {
  readonly _tag = "ModelError" as const;
  override readonly name = "ModelError";
  constructor(
    readonly problem: ModelProblem,
    readonly site: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * No valid starting point was found: after `attempts` draws of the init strategy the
 * potential energy or its gradient was still non-finite. `sites` lists the sites whose log
 * density (or log-Jacobian, or gradient block) was non-finite at the last attempt.
 */
export class InitializationError extends Error {
  readonly _tag = "InitializationError" as const;
  override readonly name = "InitializationError";
  constructor(
    readonly sites: readonly string[],
    readonly attempts: number,
    message: string,
  ) {
    super(message);
  }
}
