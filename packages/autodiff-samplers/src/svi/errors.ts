/**
 * Typed errors of variational inference. `problem` names what went wrong and `parameter`
 * the offending option or guide parameter (empty when none).
 */

/** What an {@link SviError} is about. */
export type SviProblem =
  /** A bad option or argument (count, learning rate, tolerance, quantile, shape). */
  | "bad-argument"
  /** A guide method was called before the guide was set up by `svi(...).init` / `fitAdvi`. */
  | "not-initialized"
  /** The guide does not support the operation (e.g. analytic quantiles of a flow). */
  | "unsupported"
  /** The Hessian of the potential at the MAP point is not positive definite (Laplace). */
  | "not-positive-definite"
  /** The loss or its gradient became NaN or infinite during optimisation. */
  | "non-finite-loss";

/** An error of SVI, an autoguide or ADVI (see {@link SviProblem}). */
export class SviError extends Error {
  readonly _tag = "SviError" as const;
  override readonly name = "SviError";
  constructor(
    readonly problem: SviProblem,
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}
