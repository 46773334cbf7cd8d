/**
 * Error thrown by the MCMC diagnostics when the input cannot be analysed at
 * all (wrong layout, too few draws, invalid probability). Numerical problems
 * in valid input (NaN draws, constant chains) never throw: they yield `NaN`.
 */
export class DiagnosticsError extends Error {
  override readonly name = "DiagnosticsError";

  /** Creates a diagnostics error with a human-readable `message`. */
  constructor(message: string) {
    super(message);
  }
}
