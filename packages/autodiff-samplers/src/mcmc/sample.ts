import { foldIn, type PRNGKey, split } from "@sidereal/distributions";
import { dualAveraging } from "./adaptation/dualAveraging.js";
import { findReasonableStepSize } from "./adaptation/findReasonableStepSize.js";
import { regularizeCovariance, regularizeVariance } from "./adaptation/regularize.js";
import { buildSchedule, type ScheduleOptions } from "./adaptation/schedule.js";
import { welfordCovariance, welfordVariance } from "./adaptation/welford.js";
import { McmcParameterError, McmcShapeError } from "./errors.js";
import { buildNUTSKernel, type MutableNUTSInfo } from "./nuts.js";
import { checkInteger, checkStepSize } from "./params.js";
import { initState } from "./state.js";
import type { InverseMassMatrix, MutableHMCState, Potential } from "./types.js";

/** Progress report passed to `onProgress`. */
export interface SampleProgress {
  /** `"warmup"` or `"sampling"`. */
  readonly phase: "warmup" | "sampling";
  /** Iterations completed in this phase (for sampling: transitions, including thinned ones). */
  readonly iteration: number;
  /** Total iterations of this phase. */
  readonly total: number;
  /** Divergent transitions so far in this phase. */
  readonly divergences: number;
  /** Step size used by the last transition. */
  readonly stepSize: number;
}

/** Options of {@link sampleChain}. */
export interface SampleChainOptions {
  /** Warmup (adaptation) iterations, integer ≥ 0. Warmup draws are discarded. */
  readonly numWarmup: number;
  /** Draws to keep, integer ≥ 0. */
  readonly numSamples: number;
  /** Keep every `thinning`-th transition after warmup (default 1). */
  readonly thinning?: number;
  /** Dual-averaging target for the mean acceptance statistic (default 0.8). */
  readonly targetAccept?: number;
  /** NUTS maximum tree depth (default 10). */
  readonly maxTreeDepth?: number;
  /** Adapt a dense inverse mass matrix (Welford covariance) instead of a diagonal (default false). */
  readonly denseMass?: boolean;
  /** PRNG key; the run is a deterministic function of it. */
  readonly key: PRNGKey;
  /** Called every `progressInterval` iterations and at the end of each phase. */
  readonly onProgress?: (progress: SampleProgress) => void;
  /** Iterations between progress reports (default 100). */
  readonly progressInterval?: number;
  /** Step size from which the initial heuristic search starts (default 1). */
  readonly initialStepSize?: number;
  /**
   * Starting inverse mass matrix (default identity: ones of length `d`, or the `d×d` identity
   * when `denseMass`). With `adaptMassMatrix: false` it is used throughout.
   */
  readonly initialInverseMassMatrix?: InverseMassMatrix;
  /** Whether to estimate the metric in Stan's slow windows (default true). */
  readonly adaptMassMatrix?: boolean;
  /** Buffer and window sizes of the warmup schedule (Stan's 75/50/25 by default). */
  readonly schedule?: ScheduleOptions;
  /** Energy error threshold for divergences (default 1000). */
  readonly divergenceThreshold?: number;
}

/** Per-draw sampler statistics (Stan's `*__` columns), one entry per kept draw. */
export interface SampleStats {
  /** Log density up to a constant, `−U(q)` (Stan's `lp__`). */
  readonly lp: Float64Array;
  /** `U(q)`. */
  readonly potentialEnergy: Float64Array;
  /** Hamiltonian of the selected point (`energy__`). */
  readonly energy: Float64Array;
  /** Mean acceptance statistic of the transition (`accept_stat__`). */
  readonly acceptanceRate: Float64Array;
  /** Step size used (`stepsize__`). */
  readonly stepSize: Float64Array;
  /** Tree depth (`treedepth__`). */
  readonly treeDepth: Int32Array;
  /** Leapfrog steps (`n_leapfrog__`). */
  readonly numSteps: Int32Array;
  /** 1 where the transition diverged (`divergent__`). */
  readonly diverging: Uint8Array;
}

/** Result of {@link sampleChain}. */
export interface SampleChainResult {
  /** Dimension `d`. */
  readonly dim: number;
  /** Kept draws, row-major `[numSamples × d]`. */
  readonly draws: Float64Array;
  /** Statistics of the kept draws. */
  readonly stats: SampleStats;
  /** Adapted tuning parameters used for sampling. */
  readonly adapted: {
    readonly stepSize: number;
    readonly inverseMassMatrix: InverseMassMatrix;
  };
  /** Statistics of every warmup iteration (absent when `numWarmup = 0`). */
  readonly warmupStats?: SampleStats;
}

interface StatsBuffers {
  lp: Float64Array;
  potentialEnergy: Float64Array;
  energy: Float64Array;
  acceptanceRate: Float64Array;
  stepSize: Float64Array;
  treeDepth: Int32Array;
  numSteps: Int32Array;
  diverging: Uint8Array;
}

function newStats(n: number): StatsBuffers {
  return {
    lp: new Float64Array(n),
    potentialEnergy: new Float64Array(n),
    energy: new Float64Array(n),
    acceptanceRate: new Float64Array(n),
    stepSize: new Float64Array(n),
    treeDepth: new Int32Array(n),
    numSteps: new Int32Array(n),
    diverging: new Uint8Array(n),
  };
}

function record(
  s: StatsBuffers,
  i: number,
  state: MutableHMCState,
  info: MutableNUTSInfo,
  eps: number,
): void {
  s.lp[i] = -state.potentialEnergy;
  s.potentialEnergy[i] = state.potentialEnergy;
  s.energy[i] = info.energy;
  s.acceptanceRate[i] = info.acceptanceRate;
  s.stepSize[i] = eps;
  s.treeDepth[i] = info.treeDepth;
  s.numSteps[i] = info.numSteps;
  s.diverging[i] = info.isDivergent ? 1 : 0;
}

function identity(d: number, dense: boolean): Float64Array {
  if (!dense) return new Float64Array(d).fill(1);
  const m = new Float64Array(d * d);
  for (let i = 0; i < d; i++) m[i * d + i] = 1;
  return m;
}

/**
 * Runs one NUTS chain with Stan's warmup on a flat `potential` (`U = −log p` with gradient).
 *
 * Warmup (`numWarmup` iterations, schedule from `buildSchedule`): the step size starts from
 * `findReasonableStepSize` and is adapted by dual averaging towards `targetAccept` on every
 * warmup iteration; draws inside each slow window feed a Welford variance (or covariance when
 * `denseMass`) estimator, and at the end of each window the inverse mass matrix becomes the
 * regularised estimate `(n/(n+5))·Σ̂ + 1e-3·(5/(n+5))·I`, the step size is re-initialised with
 * `findReasonableStepSize` from the current one and dual averaging restarts with
 * `μ = log(10 ε)`. After warmup the step size is fixed to the dual-averaging average `exp(log ε̄)`.
 *
 * Keys: `split(key, 3)` → (step-size searches, warmup, sampling); iteration `i` of a phase uses
 * `foldIn(phaseKey, i)`, search `k` uses `foldIn(searchKey, k)`. The same key and inputs give
 * bit-identical results. The transition loop reuses one state, info and parameter object.
 *
 * Throws `McmcParameterError` for bad counts/options, `McmcShapeError` for a wrong-length
 * initial inverse mass matrix and `McmcValueError` for a non-finite start or a failed
 * step-size search.
 */
export function sampleChain(
  potential: Potential,
  initialPosition: Float64Array,
  options: SampleChainOptions,
): SampleChainResult {
  const { numWarmup, numSamples } = options;
  const thinning = options.thinning ?? 1;
  const targetAccept = options.targetAccept ?? 0.8;
  const dense = options.denseMass ?? false;
  const adaptMass = options.adaptMassMatrix ?? true;
  const progressInterval = options.progressInterval ?? 100;
  checkInteger(numWarmup, 0, "sampleChain: numWarmup");
  checkInteger(numSamples, 0, "sampleChain: numSamples");
  checkInteger(thinning, 1, "sampleChain: thinning");
  checkInteger(progressInterval, 1, "sampleChain: progressInterval");
  if (!(targetAccept > 0 && targetAccept < 1)) {
    throw new McmcParameterError(
      `sampleChain: targetAccept must be in (0, 1), got ${targetAccept}`,
    );
  }
  if (options.key === undefined) throw new McmcParameterError("sampleChain: key is required");
  const initialStepSize = options.initialStepSize ?? 1;
  checkStepSize(initialStepSize, "sampleChain: initialStepSize");

  const init = initState(initialPosition, potential);
  const d = init.position.length;
  const inverseMassMatrix: InverseMassMatrix =
    options.initialInverseMassMatrix ?? identity(d, dense);
  if (inverseMassMatrix.length !== d && inverseMassMatrix.length !== d * d) {
    throw new McmcShapeError(
      `sampleChain: initialInverseMassMatrix has length ${inverseMassMatrix.length}; expected ${d} or ${d * d}`,
    );
  }
  const kernel = buildNUTSKernel({
    potential,
    maxTreeDepth: options.maxTreeDepth ?? 10,
    divergenceThreshold: options.divergenceThreshold ?? 1000,
  });
  const [kSearch, kWarmup, kSampling] = split(options.key, 3);
  const state: MutableHMCState = {
    position: init.position,
    potentialEnergy: init.potentialEnergy,
    potentialGrad: init.potentialGrad,
  };
  const info: MutableNUTSInfo = {
    acceptanceRate: 0,
    isDivergent: false,
    energy: 0,
    numSteps: 0,
    treeDepth: 0,
  };
  const params = { stepSize: initialStepSize, inverseMassMatrix };
  let searches = 0;
  const search = (from: number): number =>
    findReasonableStepSize({
      potential,
      state,
      inverseMassMatrix: params.inverseMassMatrix,
      key: foldIn(kSearch, searches++),
      initialStepSize: from,
    });
  params.stepSize = search(initialStepSize);

  // ---- warmup ----
  let warmupStats: StatsBuffers | undefined;
  if (numWarmup > 0) {
    warmupStats = newStats(numWarmup);
    const schedule = buildSchedule(numWarmup, options.schedule);
    const windows = adaptMass ? schedule.windows : [];
    const da = dualAveraging({ targetAccept });
    let daState = da.init(params.stepSize);
    const varianceAcc = dense ? undefined : welfordVariance(d);
    const covarianceAcc = dense ? welfordCovariance(d) : undefined;
    let w = 0;
    let divergences = 0;
    for (let i = 0; i < numWarmup; i++) {
      kernel.stepInto(foldIn(kWarmup, i), state, params, state, info);
      record(warmupStats, i, state, info, params.stepSize);
      if (info.isDivergent) divergences++;
      daState = da.update(daState, info.acceptanceRate);
      params.stepSize = Math.exp(daState.logStepSize);
      if (w < windows.length && i >= windows[w].start) {
        if (varianceAcc) varianceAcc.add(state.position);
        else covarianceAcc?.add(state.position);
        if (i === windows[w].end - 1) {
          if (varianceAcc) {
            params.inverseMassMatrix = regularizeVariance(
              varianceAcc.variance(),
              varianceAcc.count,
            );
            varianceAcc.reset();
          } else if (covarianceAcc) {
            params.inverseMassMatrix = regularizeCovariance(
              covarianceAcc.covariance(),
              covarianceAcc.count,
              d,
            );
            covarianceAcc.reset();
          }
          w++;
          params.stepSize = search(params.stepSize);
          daState = da.init(params.stepSize);
        }
      }
      if (options.onProgress && ((i + 1) % progressInterval === 0 || i === numWarmup - 1)) {
        options.onProgress({
          phase: "warmup",
          iteration: i + 1,
          total: numWarmup,
          divergences,
          stepSize: params.stepSize,
        });
      }
    }
    // After warmup: the dual-averaging average (if any update happened since the last restart).
    if (daState.step > 0) params.stepSize = da.final(daState);
  }

  // ---- sampling ----
  const draws = new Float64Array(numSamples * d);
  const stats = newStats(numSamples);
  const total = numSamples * thinning;
  let kept = 0;
  let divergences = 0;
  for (let s = 0; s < total; s++) {
    kernel.stepInto(foldIn(kSampling, s), state, params, state, info);
    if (info.isDivergent) divergences++;
    if (s % thinning === thinning - 1) {
      draws.set(state.position, kept * d);
      record(stats, kept, state, info, params.stepSize);
      kept++;
    }
    if (options.onProgress && ((s + 1) % progressInterval === 0 || s === total - 1)) {
      options.onProgress({
        phase: "sampling",
        iteration: s + 1,
        total,
        divergences,
        stepSize: params.stepSize,
      });
    }
  }

  const result: SampleChainResult = {
    dim: d,
    draws,
    stats,
    adapted: { stepSize: params.stepSize, inverseMassMatrix: params.inverseMassMatrix },
  };
  return warmupStats ? { ...result, warmupStats } : result;
}
