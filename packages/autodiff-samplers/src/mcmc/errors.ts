/**
 * Errors raised by the MCMC kernels, adaptation and runner. Each class carries a
 * `_tag` naming the kind of problem so callers can discriminate without
 * `instanceof` (e.g. across realms or after structured cloning).
 */

/** An option or parameter is out of its domain (e.g. `stepSize <= 0`, `numSteps` not a positive integer). */
export class McmcParameterError extends Error {
  /** Discriminant tag, always `"McmcParameterError"`. */
  readonly _tag = "McmcParameterError" as const;
  /** @param message Human-readable description naming the parameter and the bad value. */
  constructor(message: string) {
    super(message);
    this.name = "McmcParameterError";
  }
}

/** Array lengths disagree (position vs. gradient vs. inverse mass matrix). */
export class McmcShapeError extends Error {
  /** Discriminant tag, always `"McmcShapeError"`. */
  readonly _tag = "McmcShapeError" as const;
  /** @param message Human-readable description naming the array and the lengths involved. */
  constructor(message: string) {
    super(message);
    this.name = "McmcShapeError";
  }
}

/**
 * A value is unusable: a non-finite position or potential at initialisation, an inverse mass
 * matrix that is not positive definite, or a step-size search that ran off to 0 or infinity.
 */
export class McmcValueError extends Error {
  /** Discriminant tag, always `"McmcValueError"`. */
  readonly _tag = "McmcValueError" as const;
  /** @param message Human-readable description naming the offending value. */
  constructor(message: string) {
    super(message);
    this.name = "McmcValueError";
  }
}
