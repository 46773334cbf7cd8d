/**
 * PyMC's `CheckParametersConvergence(every, tolerance, diff, ord=∞)` callback as a pure
 * tracker. Called after every iteration i (1-based) with the flat parameter vector
 * ([μ, ρ] for mean-field ADVI): the first call stores it as `prev`; afterwards, at i ≥ every
 * with i mod every = 0, it computes δ = |cur − prev| ("absolute") or
 * (|cur − prev| + 1e-6)/(|prev| + 1e-6) ("relative"), sets prev = cur and reports
 * convergence when max_j δ_j < tolerance.
 */

/** A convergence tracker; `check(i, params)` returns true when converged. */
export interface ParameterConvergence {
  readonly diff: "relative" | "absolute";
  readonly tolerance: number;
  check(iteration: number, params: Float64Array): boolean;
  /** max_j δ_j at the last check (NaN before one). */
  readonly lastNorm: number;
}

/** Builds a tracker (see the module doc). */
export function parameterConvergence(
  diff: "relative" | "absolute",
  tolerance: number,
  every = 100,
): ParameterConvergence {
  let prev: Float64Array | undefined;
  let lastNorm = Number.NaN;
  return {
    diff,
    tolerance,
    get lastNorm() {
      return lastNorm;
    },
    check(i, cur) {
      if (prev === undefined) {
        prev = cur.slice();
        return false;
      }
      if (i < every || i % every !== 0) return false;
      let norm = 0;
      for (let j = 0; j < cur.length; j++) {
        const d = Math.abs(cur[j] - prev[j]);
        const delta = diff === "absolute" ? d : (d + 1e-6) / (Math.abs(prev[j]) + 1e-6);
        if (!(delta <= norm)) norm = delta;
      }
      prev = cur.slice();
      lastNorm = norm;
      return norm < tolerance;
    },
  };
}
