/**
 * The kernel contract shared by HMC and NUTS (BlackJAX's `base.py`): a tunable kernel takes
 * its step size and inverse mass matrix on every call, so warmup can change them; a sampling
 * algorithm (`nuts(...)`, `hmc(...)`) closes over them and is the `{ init, step }` pair users
 * call. `sampleChain` and `windowAdaptation` only ever see {@link TunableKernel}.
 */
import type { PRNGKey } from "@sidereal/distributions";
import { initState } from "./state.js";
import type { HMCState, KernelParams, MutableHMCState, Potential } from "./types.js";

/** Diagnostics every transition reports (Stan's sampler parameters). */
export interface TransitionInfo {
  /** Acceptance statistic averaged by dual averaging (`accept_stat__`). */
  readonly acceptanceRate: number;
  /** Whether the transition diverged (`divergent__`). */
  readonly isDivergent: boolean;
  /** Hamiltonian of the returned point (`energy__`). */
  readonly energy: number;
  /** Leapfrog steps (= gradient evaluations) taken (`n_leapfrog__`). */
  readonly numSteps: number;
  /** Trajectory doublings (`treedepth__`); absent for kernels without a tree. */
  readonly treeDepth?: number;
}

/** Writable form of an info type, filled in place by `stepInto`. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A kernel whose tuning parameters are passed on each call (BlackJAX's `build_kernel` result).
 * `step` is pure: the same key, state and params give bit-identical output and inputs are
 * never mutated. `stepInto` is the allocation-light form that writes into caller-owned `out`
 * (which may be `state` itself) and `info`.
 */
export interface TunableKernel<I extends TransitionInfo = TransitionInfo> {
  /** The potential the kernel integrates (warmup's step-size search uses it too). */
  readonly potential: Potential;
  /** One transition; returns a fresh state and its diagnostics. */
  step(key: PRNGKey, state: HMCState, params: KernelParams): [HMCState, I];
  /** The same transition writing into `out` and `info`. */
  stepInto(
    key: PRNGKey,
    state: HMCState,
    params: KernelParams,
    out: MutableHMCState,
    info: Mutable<I>,
  ): void;
  /** A fresh info record for `stepInto`. */
  newInfo(): Mutable<I>;
}

/**
 * Builds a {@link TunableKernel} from its in-place transition: `step` allocates the output
 * state and info and delegates, so every kernel has the one pure entry point.
 */
export function tunableKernel<I extends TransitionInfo>(
  potential: Potential,
  stepInto: TunableKernel<I>["stepInto"],
  newInfo: () => Mutable<I>,
): TunableKernel<I> {
  return {
    potential,
    stepInto,
    newInfo,
    step(key, state, params) {
      const d = state.position.length;
      const out: MutableHMCState = {
        position: new Float64Array(d),
        potentialEnergy: 0,
        potentialGrad: new Float64Array(d),
      };
      const info = newInfo();
      stepInto(key, state, params, out, info);
      return [out, info];
    },
  };
}

/**
 * A sampling algorithm with its parameters fixed (BlackJAX's `SamplingAlgorithm`): `init`
 * evaluates the potential at a position, `step(key, state)` is one pure transition.
 */
export interface SamplingAlgorithm<I extends TransitionInfo = TransitionInfo> {
  /** Initial state at `position` (copied; throws `McmcValueError` if not finite there). */
  init(position: Float64Array): HMCState;
  /** One transition from `state` with the closed-over parameters. */
  step(key: PRNGKey, state: HMCState): [HMCState, I];
}

/**
 * Closes a tunable kernel over fixed parameters (BlackJAX's `as_top_level_api`). The
 * parameters are read once here: the caller may not mutate the inverse mass matrix later.
 */
export function asSamplingAlgorithm<I extends TransitionInfo>(
  kernel: TunableKernel<I>,
  params: KernelParams,
): SamplingAlgorithm<I> {
  const fixed: KernelParams = {
    stepSize: params.stepSize,
    inverseMassMatrix: params.inverseMassMatrix,
  };
  return {
    init: (position) => initState(position, kernel.potential),
    step: (key, state) => kernel.step(key, state, fixed),
  };
}
