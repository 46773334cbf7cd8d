import { McmcParameterError, McmcShapeError } from "./errors.js";
import type { Metric } from "./metric.js";
import type { Potential } from "./types.js";

/** A point of phase space with its cached potential energy and gradient. */
export interface IntegratorState {
  /** Position `q` (length `d`). */
  readonly position: Float64Array;
  /** Momentum `p` (length `d`). */
  readonly momentum: Float64Array;
  /** `U(q)`. */
  readonly potentialEnergy: number;
  /** `∇U(q)` (length `d`). */
  readonly potentialGrad: Float64Array;
}

/** Writable phase-space point used by the in-place integrator. */
export interface MutableIntegratorState {
  /** Position buffer (length `d`). */
  position: Float64Array;
  /** Momentum buffer (length `d`). */
  momentum: Float64Array;
  /** `U(position)`. */
  potentialEnergy: number;
  /** Gradient buffer (length `d`). */
  potentialGrad: Float64Array;
}

/**
 * One velocity-Verlet (leapfrog) step of size `ε` (negative to integrate backwards), in place:
 *
 *   p ← p − (ε/2) ∇U(q);   q ← q + ε M⁻¹ p;   (U, ∇U) ← potential(q);   p ← p − (ε/2) ∇U(q).
 *
 * It reuses the cached gradient of `z`, so each step costs one potential evaluation. On return
 * `velocity` (length `d`, overwritten) holds `p♯ = M⁻¹ p` at the new point and the result is the
 * kinetic energy `K = ½ pᵀ M⁻¹ p` there, so NUTS gets both without another pass. For a diagonal
 * metric the updates are fused into two loops around the potential call. No allocation. If the
 * potential returns a non-finite value the step still completes; callers see it in the energy.
 */
export function leapfrogInPlace(
  potential: Potential,
  metric: Metric,
  z: MutableIntegratorState,
  stepSize: number,
  velocity: Float64Array,
): number {
  const d = metric.dim;
  const q = z.position;
  const p = z.momentum;
  const g = z.potentialGrad;
  const half = 0.5 * stepSize;
  const diag = metric.diagonal;
  if (diag !== null) {
    for (let i = 0; i < d; i++) {
      const pi = p[i] - half * g[i];
      p[i] = pi;
      q[i] += stepSize * diag[i] * pi;
    }
    z.potentialEnergy = potential(q, g);
    let k = 0;
    for (let i = 0; i < d; i++) {
      const pi = p[i] - half * g[i];
      p[i] = pi;
      const vi = diag[i] * pi;
      velocity[i] = vi;
      k += pi * vi;
    }
    return 0.5 * k;
  }
  for (let i = 0; i < d; i++) p[i] -= half * g[i];
  metric.velocity(p, velocity);
  for (let i = 0; i < d; i++) q[i] += stepSize * velocity[i];
  z.potentialEnergy = potential(q, g);
  for (let i = 0; i < d; i++) p[i] -= half * g[i];
  metric.velocity(p, velocity);
  let k = 0;
  for (let i = 0; i < d; i++) k += p[i] * velocity[i];
  return 0.5 * k;
}

/** A functional leapfrog integrator bound to a potential (see {@link buildIntegrator}). */
export interface Integrator {
  /**
   * Integrates `numSteps` leapfrog steps of size `stepSize` from `state` and returns a fresh
   * state. The input arrays are never mutated; the steps run on internal scratch buffers without
   * allocation, and only the returned state is allocated.
   */
  integrate(
    state: IntegratorState,
    stepSize: number,
    metric: Metric,
    numSteps?: number,
  ): IntegratorState;
}

/**
 * Builds a velocity-Verlet integrator for `potential` (see {@link leapfrogInPlace} for the
 * update). Scratch buffers are allocated once per dimension and reused. Throws
 * {@link McmcShapeError} when the state and metric dimensions disagree and
 * {@link McmcParameterError} for a non-finite step size or a negative/non-integer step count.
 */
export function buildIntegrator(potential: Potential): Integrator {
  let dim = -1;
  let z: MutableIntegratorState | undefined;
  let velocity = new Float64Array(0);
  return {
    integrate(state, stepSize, metric, numSteps = 1) {
      const d = state.position.length;
      if (state.momentum.length !== d || state.potentialGrad.length !== d || metric.dim !== d) {
        throw new McmcShapeError(
          `integrator: position (${d}), momentum (${state.momentum.length}), gradient (${state.potentialGrad.length}) and metric (${metric.dim}) dimensions differ`,
        );
      }
      if (!Number.isFinite(stepSize)) {
        throw new McmcParameterError(`integrator: stepSize must be finite, got ${stepSize}`);
      }
      if (!Number.isInteger(numSteps) || numSteps < 0) {
        throw new McmcParameterError(
          `integrator: numSteps must be a non-negative integer, got ${numSteps}`,
        );
      }
      if (z === undefined || d !== dim) {
        dim = d;
        z = {
          position: new Float64Array(d),
          momentum: new Float64Array(d),
          potentialEnergy: 0,
          potentialGrad: new Float64Array(d),
        };
        velocity = new Float64Array(d);
      }
      z.position.set(state.position);
      z.momentum.set(state.momentum);
      z.potentialGrad.set(state.potentialGrad);
      z.potentialEnergy = state.potentialEnergy;
      for (let s = 0; s < numSteps; s++) leapfrogInPlace(potential, metric, z, stepSize, velocity);
      return {
        position: z.position.slice(),
        momentum: z.momentum.slice(),
        potentialEnergy: z.potentialEnergy,
        potentialGrad: z.potentialGrad.slice(),
      };
    },
  };
}
