/**
 * The typed error of the single-star distance solver.
 */

/**
 * Thrown by `singleStarDistance` for an input that has no posterior: a non-finite
 * parallax or zero point, a parallax error or length scale that is not positive and
 * finite, or a quantile probability outside (0, 1). `parameter` names the input.
 */
export class DistanceError extends Error {
  readonly _tag = "DistanceError" as const;
  constructor(
    readonly parameter: string,
    readonly reason: string,
  ) {
    super(`singleStarDistance: invalid ${parameter}: ${reason}`);
    this.name = "DistanceError";
  }
}
