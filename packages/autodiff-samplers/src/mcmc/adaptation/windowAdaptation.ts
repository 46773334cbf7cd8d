/**
 * Stan's windowed warmup as BlackJAX composes it (`blackjax/adaptation/window_adaptation.py`):
 * `init`, `update` and `final` over the pure {@link buildSchedule}. Warmup is kept apart from
 * the kernels because it breaks what makes a kernel a valid MCMC transition (the step size and
 * metric change with the chain's own history); after `final` the parameters are frozen.
 *
 * ```
 *  iteration 0                                                            numWarmup
 *  |-- init buffer --|-- w0 --|---- w1 ----|-------- w2 (stretched) -------|- term -|
 *   step size only    metric windows: each doubles; the last one absorbs     step size
 *   (dual averaging)  the rest. At each window's end: M⁻¹ ← regularised       only
 *                     variance, step size re-searched, dual averaging restarts
 * ```
 */
import { foldIn, type PRNGKey } from "@sidereal/distributions";
import { McmcShapeError } from "../errors.js";
import type { TunableKernel } from "../kernel.js";
import { checkStepSize } from "../params.js";
import type { HMCState, InverseMassMatrix, KernelParams } from "../types.js";
import {
  type DualAveraging,
  type DualAveragingOptions,
  type DualAveragingState,
  dualAveraging,
} from "./dualAveraging.js";
import { findReasonableStepSize } from "./findReasonableStepSize.js";
import { regularizeCovariance, regularizeVariance } from "./regularize.js";
import { type AdaptationWindow, buildSchedule, type ScheduleOptions } from "./schedule.js";
import {
  type WelfordCovariance,
  type WelfordSnapshot,
  type WelfordVariance,
  welfordCovariance,
  welfordVariance,
} from "./welford.js";

/** Options of {@link windowAdaptation}. */
export interface WindowAdaptationOptions extends Omit<DualAveragingOptions, "targetAccept"> {
  /** Warmup iterations (integer ≥ 0). */
  readonly numWarmup: number;
  /** Key of the step-size searches: search `k` uses `foldIn(key, k)`. */
  readonly key: PRNGKey;
  /** Dual-averaging target for the mean acceptance statistic (default 0.8). */
  readonly targetAccept?: number;
  /** Estimate a dense inverse mass matrix instead of a diagonal (default false). */
  readonly denseMass?: boolean;
  /** Whether to estimate the metric in the slow windows at all (default true). */
  readonly adaptMassMatrix?: boolean;
  /** Buffer and window sizes (Stan's 75 / 25 / 50 by default). */
  readonly schedule?: ScheduleOptions;
  /** Step size from which the first search starts (default 1). */
  readonly initialStepSize?: number;
  /** Starting inverse mass matrix (default identity of the state's dimension). */
  readonly initialInverseMassMatrix?: InverseMassMatrix;
}

/**
 * Where warmup stands after some iterations: the parameters of the next transition and what
 * the adaptation needs to go on. Plain data (it is what a chain checkpoint stores, with the
 * metric estimator's {@link WindowAdaptation.snapshot}).
 */
export interface WindowAdaptationState {
  /** Step size of the next transition (the dual-averaging iterate). */
  readonly stepSize: number;
  /** Inverse mass matrix of the next transition. */
  readonly inverseMassMatrix: InverseMassMatrix;
  /** Dual-averaging state since the last restart. */
  readonly dualAveraging: DualAveragingState;
  /** Index of the next slow window of the schedule. */
  readonly window: number;
  /** Step-size searches done so far. */
  readonly searches: number;
}

/**
 * The metric estimator's state in a checkpoint: one Welford accumulator (Stan's windows), or
 * PyMC's foreground and background weighted variances ({@link pymcAdaptation}).
 */
export type AdaptationSnapshot =
  | WelfordSnapshot
  | { readonly foreground: WelfordSnapshot; readonly background: WelfordSnapshot };

/** The three functions of warmup, plus the metric estimator's checkpoint. */
export interface WindowAdaptation {
  /** The slow windows (empty when the metric is not adapted). */
  readonly windows: readonly AdaptationWindow[];
  /**
   * Searches the first step size at `state` and starts dual averaging from it, with Stan's
   * first shrinkage target `μ = log(10 · initialStepSize)`.
   */
  init(state: HMCState): WindowAdaptationState;
  /**
   * Folds in warmup iteration `iteration` (0-based), which ended at `state` with acceptance
   * statistic `acceptanceRate`: one dual-averaging update; inside a slow window the position
   * feeds the metric estimator, and at a window's end the metric becomes the regularised
   * estimate, the step size is searched again from the current one and dual averaging
   * restarts with `μ = log(10 ε)` (Stan's `adapt_diag_e_nuts::transition`). The estimator is
   * owned by this adaptation and updated in place; the returned state is new.
   */
  update(
    adaptation: WindowAdaptationState,
    iteration: number,
    state: HMCState,
    acceptanceRate: number,
  ): WindowAdaptationState;
  /** The parameters for sampling: the averaged step size `exp(log ε̄)` and the last metric. */
  final(adaptation: WindowAdaptationState): KernelParams;
  /** A copy of the metric estimator (absent when the metric is not adapted). */
  snapshot(): AdaptationSnapshot | undefined;
  /** Restores the metric estimator from {@link snapshot}'s output. */
  restore(snapshot: AdaptationSnapshot): void;
}

/**
 * The parameters for sampling at the end of a warmup: the dual-averaging average `exp(log ε̄)`
 * (or the current step size when no update happened since the last restart) and the metric.
 */
export function finalParams(da: DualAveraging, adaptation: WindowAdaptationState): KernelParams {
  const stepSize =
    adaptation.dualAveraging.step > 0 ? da.final(adaptation.dualAveraging) : adaptation.stepSize;
  return { stepSize, inverseMassMatrix: adaptation.inverseMassMatrix };
}

function identity(d: number, dense: boolean): Float64Array {
  if (!dense) return new Float64Array(d).fill(1);
  const m = new Float64Array(d * d);
  for (let i = 0; i < d; i++) m[i * d + i] = 1;
  return m;
}

/**
 * Stan's window adaptation for `kernel` (its potential is used by the step-size searches) at
 * dimension `dim`. Throws `McmcParameterError` for bad options and `McmcShapeError` for a
 * wrong-length initial inverse mass matrix.
 */
export function windowAdaptation(
  kernel: Pick<TunableKernel, "potential">,
  dim: number,
  options: WindowAdaptationOptions,
): WindowAdaptation {
  const { numWarmup } = options;
  const dense = options.denseMass ?? false;
  const adaptMass = options.adaptMassMatrix ?? true;
  const initialStepSize = options.initialStepSize ?? 1;
  checkStepSize(initialStepSize, "windowAdaptation: initialStepSize");
  const initialMetric = options.initialInverseMassMatrix ?? identity(dim, dense);
  if (initialMetric.length !== dim && initialMetric.length !== dim * dim) {
    throw new McmcShapeError(
      `windowAdaptation: initialInverseMassMatrix has length ${initialMetric.length}; expected ${dim} or ${dim * dim}`,
    );
  }
  const schedule = buildSchedule(numWarmup, options.schedule);
  const windows = adaptMass ? schedule.windows : [];
  const da = dualAveraging({
    ...(options.targetAccept !== undefined ? { targetAccept: options.targetAccept } : {}),
    ...(options.gamma !== undefined ? { gamma: options.gamma } : {}),
    ...(options.t0 !== undefined ? { t0: options.t0 } : {}),
    ...(options.kappa !== undefined ? { kappa: options.kappa } : {}),
  });
  const variance: WelfordVariance | undefined =
    numWarmup > 0 && !dense ? welfordVariance(dim) : undefined;
  const covariance: WelfordCovariance | undefined =
    numWarmup > 0 && dense ? welfordCovariance(dim) : undefined;
  const search = (
    state: HMCState,
    inverseMassMatrix: InverseMassMatrix,
    searches: number,
    from: number,
  ): number =>
    findReasonableStepSize({
      potential: kernel.potential,
      state,
      inverseMassMatrix,
      key: foldIn(options.key, searches),
      initialStepSize: from,
    });

  return {
    windows,
    init(state) {
      const stepSize = search(state, initialMetric, 0, initialStepSize);
      return {
        stepSize,
        inverseMassMatrix: initialMetric,
        // Stan sets μ = log(10 ε) from the user's step size before it searches (services'
        // `set_mu(log(10 * stepsize))`, then `init_stepsize`), so until the first metric
        // update dual averaging shrinks towards 10 × initialStepSize, not 10 × the search's ε.
        dualAveraging: da.init(stepSize, initialStepSize),
        window: 0,
        searches: 1,
      };
    },
    update(adaptation, iteration, state, acceptanceRate) {
      const dualState = da.update(adaptation.dualAveraging, acceptanceRate);
      let { inverseMassMatrix, window, searches } = adaptation;
      let stepSize = Math.exp(dualState.logStepSize);
      const w = windows[window];
      if (w === undefined || iteration < w.start) {
        return { stepSize, inverseMassMatrix, dualAveraging: dualState, window, searches };
      }
      variance?.add(state.position);
      covariance?.add(state.position);
      if (iteration !== w.end - 1) {
        return { stepSize, inverseMassMatrix, dualAveraging: dualState, window, searches };
      }
      if (variance) {
        inverseMassMatrix = regularizeVariance(variance.variance(), variance.count);
        variance.reset();
      } else if (covariance) {
        inverseMassMatrix = regularizeCovariance(covariance.covariance(), covariance.count, dim);
        covariance.reset();
      }
      window++;
      stepSize = search(state, inverseMassMatrix, searches++, stepSize);
      return { stepSize, inverseMassMatrix, dualAveraging: da.init(stepSize), window, searches };
    },
    final: (adaptation) => finalParams(da, adaptation),
    snapshot: () => (variance ?? covariance)?.snapshot(),
    restore(s) {
      if ("foreground" in s)
        throw new McmcShapeError(
          "windowAdaptation: the snapshot is a PyMC adaptation's, not Stan's window adaptation's",
        );
      (variance ?? covariance)?.restore(s);
    },
  };
}
