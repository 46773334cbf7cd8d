import { type LbfgsBOptions, lbfgsB, type OptimizeResult } from "./lbfgsb.js";
import type { Objective } from "./objective.js";

/** Options of {@link lbfgs}: those of L-BFGS-B without bounds. */
export type LbfgsOptions = Omit<LbfgsBOptions, "bounds">;

/**
 * Unconstrained limited-memory BFGS.
 *
 * Implemented as {@link lbfgsB} with no bounds: with every variable free the
 * Cauchy step is skipped (after the first iteration) and the subspace step is
 * d = −B⁻¹g for the compact L-BFGS matrix, which equals the classical two-loop
 * recursion direction with H₀ = (sᵀy/yᵀy)I (Nocedal & Wright, Alg. 7.4). The
 * line search is the same Moré–Thuente search, so results match
 * `scipy.optimize.minimize(method="L-BFGS-B")` without bounds.
 */
export function lbfgs(
  fun: Objective,
  x0: Float64Array | ReadonlyArray<number>,
  options: LbfgsOptions = {},
): OptimizeResult {
  const { ...rest } = options as LbfgsBOptions;
  delete rest.bounds;
  return lbfgsB(fun, x0, rest);
}
