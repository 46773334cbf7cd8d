/**
 * Why a Gaussian-mixture / k-means call was refused:
 * - `"nComponents"`: the number of components (clusters) is not an integer ≥ 1;
 * - `"tooFewSamples"`: fewer rows than components;
 * - `"nonFinite"`: the data (or a parameter array) holds NaN or ±Infinity;
 * - `"shape"`: the data is not a rectangular n×d matrix with n ≥ 1, d ≥ 1;
 * - `"dimensionMismatch"`: the data has a different number of features than the model, or two
 *   models / parameter arrays disagree in size;
 * - `"option"`: an option is out of range or unknown (tol < 0, regCovar < 0, maxIter < 0, …);
 * - `"warmStart"`: the warm-start model does not match the requested configuration;
 * - `"illDefinedCovariance"`: a covariance is not positive definite even after adding
 *   `regCovar` to its diagonal (a collapsed / singleton component; as in scikit-learn, increase
 *   `regCovar`, decrease `nComponents` or rescale the data).
 */
export type GmmErrorReason =
  | "nComponents"
  | "tooFewSamples"
  | "nonFinite"
  | "shape"
  | "dimensionMismatch"
  | "option"
  | "warmStart"
  | "illDefinedCovariance";

/** Typed error thrown by every function of `@sidereal/gmm-solver` on bad input. */
export class GmmError extends Error {
  readonly _tag = "GmmError" as const;
  readonly reason: GmmErrorReason;
  /** The parameter / option at fault, when there is one (e.g. `"X"`, `"regCovar"`). */
  readonly parameter: string | undefined;

  constructor(reason: GmmErrorReason, message: string, parameter?: string) {
    super(message);
    this.name = "GmmError";
    this.reason = reason;
    this.parameter = parameter;
  }
}

/** Message used when a covariance is not positive definite (after `regCovar`). */
export function illDefinedCovarianceMessage(context: string): string {
  return (
    `${context}: fitting the mixture model failed because some components have an ill-defined ` +
    "empirical covariance (for instance caused by singleton or collapsed samples): the covariance " +
    "is not positive definite even after adding regCovar to its diagonal. Try to increase " +
    "regCovar, decrease nComponents, or scale the input data."
  );
}
