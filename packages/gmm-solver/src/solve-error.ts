/**
 * Why {@link solvePosterior} refused its input:
 * - `"cloudVars"`: `cloudVars` is empty, has duplicates, or names a variable not in the samples;
 * - `"dims"`: a variable's dims do not start with `("chain", "draw")`, a cloud variable's dims are
 *   not exactly `("chain", "draw", "cloud")`, or a variable has more than one `"cloud"` dim;
 * - `"shape"`: `values.length` ≠ product of `shape`, `dims`/`shape` lengths differ, a size is not
 *   a non-negative integer, chain / draw sizes differ between variables, or there are no chains
 *   or draws;
 * - `"nClouds"`: `nClouds` is not an integer ≥ 1, or a `"cloud"` dim has a different size;
 * - `"nonFinite"`: a cloud feature holds NaN or ±Infinity;
 * - `"option"`: an option is out of range (nInit, maxIter, tol, regCovar, klDivThreshold,
 *   numGmmSamples, initParams, seed).
 */
export type SolveErrorReason = "cloudVars" | "dims" | "shape" | "nClouds" | "nonFinite" | "option";

/** Typed error thrown by `solvePosterior` on bad input. */
export class SolveError extends Error {
  readonly _tag = "SolveError" as const;
  readonly reason: SolveErrorReason;
  /** The variable or option at fault, when there is one (e.g. `"velocity"`, `"nClouds"`). */
  readonly parameter: string | undefined;

  constructor(reason: SolveErrorReason, message: string, parameter?: string) {
    super(message);
    this.name = "SolveError";
    this.reason = reason;
    this.parameter = parameter;
  }
}
