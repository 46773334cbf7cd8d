/**
 * Typed errors of the splines package. Each carries a `_tag` naming the kind of
 * problem and the function (`op`) that raised it, like the tensor package's errors.
 */

/** An option or argument has an unsupported value (e.g. `k = 4`, an unknown `bc`). */
export class SplineParameterError extends Error {
  readonly _tag = "SplineParameterError" as const;
  constructor(
    readonly op: string,
    readonly reason: string,
  ) {
    super(`${op}: ${reason}`);
    this.name = "SplineParameterError";
  }
}

/** Array lengths or ranks do not fit (too few points, x and y of different length, axis). */
export class SplineShapeError extends Error {
  readonly _tag = "SplineShapeError" as const;
  constructor(
    readonly op: string,
    readonly reason: string,
  ) {
    super(`${op}: ${reason}`);
    this.name = "SplineShapeError";
  }
}

/** Values are invalid (x not strictly increasing, non-finite, periodic ends that differ). */
export class SplineValueError extends Error {
  readonly _tag = "SplineValueError" as const;
  constructor(
    readonly op: string,
    readonly reason: string,
  ) {
    super(`${op}: ${reason}`);
    this.name = "SplineValueError";
  }
}
