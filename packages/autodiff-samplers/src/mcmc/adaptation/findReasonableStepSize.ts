import type { PRNGKey } from "@sidereal/distributions";
import { McmcValueError } from "../errors.js";
import { leapfrogInPlace, type MutableIntegratorState } from "../integrators.js";
import { buildMetric } from "../metric.js";
import { checkStepSize } from "../params.js";
import type { HMCState, InverseMassMatrix, Potential } from "../types.js";

/** Options of {@link findReasonableStepSize}. */
export interface FindStepSizeOptions {
  /** Potential energy with gradient. */
  readonly potential: Potential;
  /** Point at which to tune (not mutated). */
  readonly state: HMCState;
  /** Inverse mass matrix (diagonal `d` or dense `d·d`). */
  readonly inverseMassMatrix: InverseMassMatrix;
  /** Key for the momentum draw. */
  readonly key: PRNGKey;
  /** Starting step size (default 1). */
  readonly initialStepSize?: number;
  /** Floor of the search (default 1e-12): a search that shrinks below it returns it. */
  readonly minStepSize?: number;
  /** Ceiling (default 1e7): a search that grows beyond it throws (improper/flat target). */
  readonly maxStepSize?: number;
}

/**
 * Heuristic initial step size of Hoffman & Gelman (2014, JMLR 15, Algorithm 4): draw one
 * momentum `p ~ N(0, M)`, take one leapfrog step of size `ε` and look at the acceptance ratio
 * `r(ε) = exp(H₀ − H₁(ε))`; with `a = +1` if `r(ε₀) > ½` else `−1`, repeatedly multiply `ε` by
 * `2ᵃ` (restarting from the same point and momentum) until `r(ε)ᵃ ≤ 2⁻ᵃ`, and return that `ε`.
 * A non-finite `H₁` counts as `r = 0` (so the search halves); a search that shrinks below
 * `minStepSize` returns `minStepSize`. Throws `McmcParameterError` for a bad initial step size
 * and {@link McmcValueError} if `ε` grows beyond `maxStepSize` (an improper/flat target).
 */
export function findReasonableStepSize(options: FindStepSizeOptions): number {
  const { potential, state } = options;
  let eps = options.initialStepSize ?? 1;
  const minStep = options.minStepSize ?? 1e-12;
  const maxStep = options.maxStepSize ?? 1e7;
  checkStepSize(eps, "findReasonableStepSize");
  const d = state.position.length;
  const metric = buildMetric(options.inverseMassMatrix, d);
  const p0 = new Float64Array(d);
  metric.sampleMomentum(options.key, p0);
  const h0 = state.potentialEnergy + metric.kineticEnergy(p0);
  const z: MutableIntegratorState = {
    position: new Float64Array(d),
    momentum: new Float64Array(d),
    potentialEnergy: 0,
    potentialGrad: new Float64Array(d),
  };
  const velocity = new Float64Array(d);
  const logRatio = (stepSize: number): number => {
    z.position.set(state.position);
    z.momentum.set(p0);
    z.potentialGrad.set(state.potentialGrad);
    z.potentialEnergy = state.potentialEnergy;
    const h1 = z.potentialEnergy + leapfrogInPlace(potential, metric, z, stepSize, velocity);
    const lr = h0 - h1;
    return Number.isNaN(lr) ? Number.NEGATIVE_INFINITY : lr;
  };
  const logHalf = -Math.LN2;
  let lr = logRatio(eps);
  const a = lr > logHalf ? 1 : -1;
  // Continue while r^a > 2^-a, i.e. a·log r > −a·log 2.
  while (a * lr > a * logHalf) {
    eps = a > 0 ? eps * 2 : eps * 0.5;
    // Shrinking to the floor means a valid but extreme start (e.g. a uniform init far in a
    // tail, where the gradient is ~1e9): return the floor, as NumPyro returns once its step
    // reaches the smallest float, and let dual averaging grow it within a few iterations.
    if (a < 0 && eps < minStep) return minStep;
    if (!(eps <= maxStep) || !(eps >= minStep)) {
      throw new McmcValueError(
        `findReasonableStepSize: step size left [${minStep}, ${maxStep}] (reached ${eps}); the target may be improper or the point invalid`,
      );
    }
    lr = logRatio(eps);
  }
  return eps;
}
