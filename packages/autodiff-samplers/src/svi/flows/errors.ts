/**
 * Typed errors of the normalizing-flow transforms (BNAF, IAF). `problem` names what went
 * wrong and `parameter` the offending argument, option or flow parameter.
 */

/** What a {@link FlowError} is about. */
export type FlowProblem =
  /** The latent dimension is not a positive integer (or too small for the flow). */
  | "bad-dimension"
  /** A bad option (hidden sizes, number of flows, sigmoid bias). */
  | "bad-option"
  /** The input or a parameter tensor has the wrong shape. */
  | "bad-shape"
  /** A parameter the flow needs is absent from the parameter record. */
  | "missing-parameter";

/** An error of a normalizing-flow transform (see {@link FlowProblem}). */
export class FlowError extends Error {
  readonly _tag = "FlowError" as const;
  override readonly name = "FlowError";
  constructor(
    readonly problem: FlowProblem,
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}
