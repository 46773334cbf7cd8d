/**
 * Typed errors of @sidereal/parallax. (Invalid EDSD parameters throw the
 * `DistributionError` of @sidereal/distributions, like every other distribution.)
 */

/** What was wrong with the input of {@link zeroPointL21}. */
export type ZeroPointProblem =
  /** The input arrays have different lengths. */
  | "shape"
  /** An `astrometric_params_solved` value other than 31 (5p) or 95 (6p). */
  | "astrometricParamsSolved"
  /** An unknown option value. */
  | "option";

/**
 * Thrown by `zeroPointL21` / `zeroPointL21Detailed` for malformed input (never for
 * out-of-range magnitudes or colours, which give NaN and are counted). Names the
 * parameter, the problem and, where there is one, the first offending index.
 */
export class ZeroPointError extends Error {
  readonly _tag = "ZeroPointError" as const;
  constructor(
    readonly problem: ZeroPointProblem,
    readonly parameter: string,
    readonly reason: string,
    readonly index?: number,
  ) {
    super(
      `zeroPointL21: invalid ${parameter}${index === undefined ? "" : ` at index ${index}`}: ${reason}`,
    );
    this.name = "ZeroPointError";
  }
}
