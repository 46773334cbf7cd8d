import { foldIn, type PRNGKey } from "@sidereal/distributions";
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
  /** Key of the momentum draws (trial `j` uses `foldIn(key, j)`). */
  readonly key: PRNGKey;
  /** Starting step size (default 1). */
  readonly initialStepSize?: number;
  /** Floor of the search (default 1e-12): a search that shrinks below it returns it. */
  readonly minStepSize?: number;
  /** Ceiling (default 1e7): a search that grows beyond it throws (improper/flat target). */
  readonly maxStepSize?: number;
}

/** Stan's acceptance threshold of the search: one step is "acceptable" when `H₀ − H₁ > log 0.8`. */
const LOG_ACCEPT = Math.log(0.8);

/**
 * Initial step-size heuristic as Stan runs it (`base_hmc::init_stepsize`), a variant of
 * Hoffman & Gelman (2014, JMLR 15, Algorithm 4): every trial draws a fresh momentum
 * `p ~ N(0, M)` (trial `j` from `foldIn(key, j)`), takes one leapfrog step of size `ε` from
 * the state and computes `ΔH = H₀ − H₁`. Trial 0 at the starting `ε` sets the direction
 * (`+1` if `ΔH > log 0.8`, else `−1`); then trials at the current `ε` repeat, doubling (`+1`)
 * while `ΔH > log 0.8` or halving (`−1`) while `ΔH < log 0.8`, and the `ε` of the first trial
 * that fails its condition is returned (so the starting `ε` is tried twice, with two momenta).
 * A NaN `H₁` counts as `+∞`. Stan throws once `ε` reaches 0; here a search that shrinks below
 * `minStepSize` returns `minStepSize` (an extreme but valid start, where dual averaging then
 * grows it). Throws `McmcParameterError` for a bad initial step size and
 * {@link McmcValueError} if `ε` grows beyond `maxStepSize` (Stan: "Posterior is improper").
 *
 * Hoffman & Gelman's original uses one momentum for all trials and the threshold ½; Stan's
 * 0.8 gives a smaller start and with it a smaller dual-averaging target `μ = log(10 ε)`.
 */
export function findReasonableStepSize(options: FindStepSizeOptions): number {
  const { potential, state } = options;
  let eps = options.initialStepSize ?? 1;
  const minStep = options.minStepSize ?? 1e-12;
  const maxStep = options.maxStepSize ?? 1e7;
  checkStepSize(eps, "findReasonableStepSize");
  const d = state.position.length;
  const metric = buildMetric(options.inverseMassMatrix, d);
  const z: MutableIntegratorState = {
    position: new Float64Array(d),
    momentum: new Float64Array(d),
    potentialEnergy: 0,
    potentialGrad: new Float64Array(d),
  };
  const velocity = new Float64Array(d);
  let trials = 0;
  const deltaH = (stepSize: number): number => {
    z.position.set(state.position);
    z.potentialGrad.set(state.potentialGrad);
    z.potentialEnergy = state.potentialEnergy;
    metric.sampleMomentum(foldIn(options.key, trials++), z.momentum);
    const h0 = state.potentialEnergy + metric.kineticEnergy(z.momentum);
    // (the step first: it overwrites z.potentialEnergy, which must be read after it)
    const kinetic = leapfrogInPlace(potential, metric, z, stepSize, velocity);
    let h1 = z.potentialEnergy + kinetic;
    if (Number.isNaN(h1)) h1 = Number.POSITIVE_INFINITY;
    return h0 - h1;
  };
  const direction = deltaH(eps) > LOG_ACCEPT ? 1 : -1;
  for (;;) {
    const dH = deltaH(eps);
    if (direction === 1 ? !(dH > LOG_ACCEPT) : !(dH < LOG_ACCEPT)) return eps;
    eps = direction === 1 ? eps * 2 : eps * 0.5;
    if (direction === -1 && eps < minStep) return minStep;
    if (!(eps <= maxStep)) {
      throw new McmcValueError(
        `findReasonableStepSize: step size left [${minStep}, ${maxStep}] (reached ${eps}); the target may be improper or the point invalid`,
      );
    }
  }
}
