import { type PRNGKey, split, uniform } from "@sidereal/distributions";
import type { MutableIntegratorState } from "./integrators.js";
import { leapfrogInPlace } from "./integrators.js";
import {
  asSamplingAlgorithm,
  type Mutable,
  type SamplingAlgorithm,
  type TunableKernel,
  tunableKernel,
} from "./kernel.js";
import { metricCache } from "./metric.js";
import { checkInteger, checkKernelCall } from "./params.js";
import { initState } from "./state.js";
import type { HMCState, KernelParams, MutableHMCState, Potential } from "./types.js";

/** Diagnostics of one HMC transition. */
export interface HMCInfo {
  /** Metropolis acceptance probability `min(1, exp(H₀ − H₁))` (0 when `H₁` is not finite). */
  readonly acceptanceRate: number;
  /** Whether the energy error `H₁ − H₀` exceeded the divergence threshold (or was NaN). */
  readonly isDivergent: boolean;
  /** Hamiltonian of the returned state (with its momentum). */
  readonly energy: number;
  /** Leapfrog steps (= gradient evaluations) taken. */
  readonly numSteps: number;
}

/** Writable {@link HMCInfo} for {@link HMCKernel.stepInto}. */
export type MutableHMCInfo = Mutable<HMCInfo>;

/** Options of {@link buildHMCKernel}. */
export interface HMCKernelOptions {
  /** Potential energy `U = −log p` with gradient. */
  readonly potential: Potential;
  /** Number of leapfrog steps per transition (integer ≥ 1). */
  readonly numSteps: number;
  /** Energy error above which a trajectory is flagged divergent (default 1000, as Stan). */
  readonly divergenceThreshold?: number;
}

/**
 * A static-trajectory HMC kernel; `stepInto` allocates only the momentum draw and keys.
 */
export type HMCKernel = TunableKernel<HMCInfo>;

/**
 * Builds a static HMC kernel (Neal 2011, "MCMC using Hamiltonian dynamics"): draw
 * `p ~ N(0, M)` (key split 0), run `numSteps` leapfrog steps, accept the end point with
 * probability `min(1, exp(H₀ − H₁))` (uniform from key split 1). Integration stops early
 * once the energy becomes non-finite (the proposal is then rejected and flagged divergent).
 * Throws `McmcParameterError` for a bad `numSteps` or step size, `McmcShapeError` for
 * mismatched lengths.
 */
export function buildHMCKernel(options: HMCKernelOptions): HMCKernel {
  const { potential, numSteps } = options;
  const threshold = options.divergenceThreshold ?? 1000;
  checkInteger(numSteps, 1, "buildHMCKernel: numSteps");
  const getMetric = metricCache();
  let dim = -1;
  let z: MutableIntegratorState = {
    position: new Float64Array(0),
    momentum: new Float64Array(0),
    potentialEnergy: 0,
    potentialGrad: new Float64Array(0),
  };
  let velocity = new Float64Array(0);

  const stepInto = (
    key: PRNGKey,
    state: HMCState,
    params: KernelParams,
    out: MutableHMCState,
    info: MutableHMCInfo,
  ): void => {
    checkKernelCall(state, params, "hmc");
    const d = state.position.length;
    const metric = getMetric(params.inverseMassMatrix, d);
    if (d !== dim) {
      dim = d;
      z = {
        position: new Float64Array(d),
        momentum: new Float64Array(d),
        potentialEnergy: 0,
        potentialGrad: new Float64Array(d),
      };
      velocity = new Float64Array(d);
    }
    const [kMomentum, kAccept] = split(key, 2);
    z.position.set(state.position);
    z.potentialGrad.set(state.potentialGrad);
    z.potentialEnergy = state.potentialEnergy;
    metric.sampleMomentum(kMomentum, z.momentum);
    const h0 = state.potentialEnergy + metric.kineticEnergy(z.momentum);
    let kinetic = 0;
    let taken = 0;
    for (let s = 0; s < numSteps; s++) {
      kinetic = leapfrogInPlace(potential, metric, z, params.stepSize, velocity);
      taken++;
      if (!Number.isFinite(z.potentialEnergy)) break;
    }
    let h1 = z.potentialEnergy + kinetic;
    if (Number.isNaN(h1)) h1 = Number.POSITIVE_INFINITY;
    const deltaH = h1 - h0;
    const acceptProb = deltaH > 0 ? Math.exp(-deltaH) : 1;
    const accept = Number.isFinite(h1) && uniform(kAccept, [1])[0] < acceptProb;
    info.acceptanceRate = Number.isFinite(h1) ? acceptProb : 0;
    info.isDivergent = !(deltaH <= threshold);
    info.numSteps = taken;
    if (accept) {
      out.position.set(z.position);
      out.potentialGrad.set(z.potentialGrad);
      out.potentialEnergy = z.potentialEnergy;
      info.energy = h1;
    } else {
      if (out.position !== state.position) out.position.set(state.position);
      if (out.potentialGrad !== state.potentialGrad) out.potentialGrad.set(state.potentialGrad);
      out.potentialEnergy = state.potentialEnergy;
      info.energy = h0;
    }
  };

  return tunableKernel(potential, stepInto, newHMCInfo);
}

function newHMCInfo(): MutableHMCInfo {
  return { acceptanceRate: 0, isDivergent: false, energy: 0, numSteps: 0 };
}

/** Options of {@link hmc}: the kernel's options and the tuning parameters it closes over. */
export interface HMCOptions extends HMCKernelOptions, KernelParams {}

/**
 * Static HMC as a sampling algorithm (BlackJAX's `blackjax.hmc(...)`): closes
 * {@link buildHMCKernel} over a step size and inverse mass matrix and returns
 * `{ init, step }`; `hmc.init` and `hmc.buildKernel` stay reachable.
 */
export const hmc = Object.assign(
  (options: HMCOptions): SamplingAlgorithm<HMCInfo> =>
    asSamplingAlgorithm(buildHMCKernel(options), options),
  { init: initState, buildKernel: buildHMCKernel } as const,
);
