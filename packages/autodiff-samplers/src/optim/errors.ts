/**
 * Error raised by the optimizers for invalid input (bad bounds, NaN in the
 * starting point, a non-finite objective at the starting point, bad options).
 *
 * The `_tag` field allows discriminating it without `instanceof` (for example
 * across realms or after structured cloning of the error shape).
 */
export class OptimizerError extends Error {
  /** Discriminant tag, always `"OptimizerError"`. */
  readonly _tag = "OptimizerError" as const;

  /** @param message Human-readable description naming the offending index/value. */
  constructor(message: string) {
    super(message);
    this.name = "OptimizerError";
  }
}
