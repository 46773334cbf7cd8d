/**
 * The typed error of the plots package. It extends `RangeError`, so callers that
 * catch `RangeError` keep working, and carries a `_tag` plus the function, the
 * offending parameter and what is wrong with it (its shape, its value, or the
 * combination of parameters).
 */

/** What is wrong with the parameter named in a {@link PlotError}. */
export type PlotProblem = "shape" | "value" | "parameter";

/** Bad input to a plot or report function. */
export class PlotError extends RangeError {
  readonly _tag = "PlotError" as const;
  constructor(
    /** Function that rejected the input, e.g. `"plotImage"`. */
    readonly fn: string,
    /** Offending parameter, e.g. `"values"` or `"options.vmin"`. */
    readonly parameter: string,
    /** Kind of problem. */
    readonly problem: PlotProblem,
    /** Human-readable explanation. */
    readonly reason: string,
  ) {
    super(`${fn}: invalid ${parameter} (${problem}): ${reason}`);
    this.name = "PlotError";
  }
}
