import { foldIn, type PRNGKey, split } from "@sidereal/distributions";
import { pymcAdaptation } from "./adaptation/pymcAdaptation.js";
import type { ScheduleOptions } from "./adaptation/schedule.js";
import {
  type WindowAdaptation,
  type WindowAdaptationState,
  windowAdaptation,
} from "./adaptation/windowAdaptation.js";
import { type ChainCheckpoint, type ChainSnapshot, sliceStats } from "./checkpoint.js";
import { McmcParameterError, McmcShapeError } from "./errors.js";
import type { Mutable, TransitionInfo, TunableKernel } from "./kernel.js";
import { buildNUTSKernel } from "./nuts.js";
import { checkInteger } from "./params.js";
import { initState } from "./state.js";
import type { InverseMassMatrix, KernelParams, MutableHMCState, Potential } from "./types.js";

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
  /** NUTS maximum tree depth (default 10; ignored when `kernel` is given). */
  readonly maxTreeDepth?: number;
  /**
   * The transition kernel (default: NUTS on `potential` with `maxTreeDepth` and
   * `divergenceThreshold`). Any {@link TunableKernel} works, e.g. `hmc.buildKernel(...)`; its
   * potential must be the one passed to `sampleChain`.
   */
  readonly kernel?: TunableKernel;
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
  /**
   * The warmup algorithm: `"stan"` (default; {@link windowAdaptation}) or `"pymc"` (PyMC's
   * tuning, {@link pymcAdaptation}: no step-size search, `ε₀ = 0.25/d^{1/4}`, a running
   * diagonal metric, and NUTS trees limited to depth 8 for the first 200 warmup iterations
   * when `kernel` is not given). `"pymc"` adapts a diagonal metric only.
   */
  readonly warmup?: "stan" | "pymc";
  /** `warmup: "pymc"`: initial mean of the metric estimator (PyMC's `initial_mean`). */
  readonly initialMean?: Float64Array;
  /** `warmup: "pymc"`: pseudo-draws of the initial mean and variance (default 10). */
  readonly initialMetricWeight?: number;
  /** Buffer and window sizes of the warmup schedule (Stan's 75/50/25 by default). */
  readonly schedule?: ScheduleOptions;
  /** Energy error threshold for divergences (default 1000; ignored when `kernel` is given). */
  readonly divergenceThreshold?: number;
  /**
   * Checkpointing (see `checkpoint.ts`): after iteration `completed` (warmup iterations, then
   * sampling transitions; none after the last iteration of each phase's end) `due(completed)`
   * is asked and, when it says yes, `emit` receives the chain's snapshot and the rows recorded
   * since the previous checkpoint.
   */
  readonly checkpoint?: {
    readonly due: (completed: number) => boolean;
    readonly emit: (checkpoint: ChainCheckpoint) => void;
  };
  /**
   * Continue a chain from a checkpoint with its whole history, with the same key, options and
   * potential: the result is identical to the uninterrupted run.
   */
  readonly resume?: ChainCheckpoint;
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
  info: TransitionInfo,
  eps: number,
): void {
  s.lp[i] = -state.potentialEnergy;
  s.potentialEnergy[i] = state.potentialEnergy;
  s.energy[i] = info.energy;
  s.acceptanceRate[i] = info.acceptanceRate;
  s.stepSize[i] = eps;
  s.treeDepth[i] = info.treeDepth ?? 0;
  s.numSteps[i] = info.numSteps;
  s.diverging[i] = info.isDivergent ? 1 : 0;
}

/** Copies the rows of `src` into `dst` from row `at`. */
function writeStats(dst: StatsBuffers, src: SampleStats, at: number): void {
  dst.lp.set(src.lp, at);
  dst.potentialEnergy.set(src.potentialEnergy, at);
  dst.energy.set(src.energy, at);
  dst.acceptanceRate.set(src.acceptanceRate, at);
  dst.stepSize.set(src.stepSize, at);
  dst.treeDepth.set(src.treeDepth, at);
  dst.numSteps.set(src.numSteps, at);
  dst.diverging.set(src.diverging, at);
}

/** A resume snapshot must come from a chain of the same dimension and lengths. */
function checkResume(snap: ChainSnapshot, d: number, numWarmup: number, total: number): void {
  if (snap.position.length !== d)
    throw new McmcShapeError(
      `sampleChain: resume snapshot has dimension ${snap.position.length}; the potential has ${d}`,
    );
  if (
    !Number.isInteger(snap.completed) ||
    snap.completed < 1 ||
    snap.completed >= numWarmup + total
  )
    throw new McmcParameterError(
      `sampleChain: resume snapshot after ${snap.completed} iterations does not fit a chain of ${numWarmup} + ${total}`,
    );
}

/** PyMC's `early_max_treedepth` and the tuning iterations it applies to. */
const PYMC_EARLY_MAX_TREE_DEPTH = 8;
const PYMC_EARLY_ITERATIONS = 200;

function warmupKind(options: SampleChainOptions): "stan" | "pymc" {
  const kind = options.warmup ?? "stan";
  if (kind !== "stan" && kind !== "pymc")
    throw new McmcParameterError(
      `sampleChain: warmup must be "stan" or "pymc", got ${JSON.stringify(kind)}`,
    );
  if (kind === "pymc" && options.denseMass === true)
    throw new McmcParameterError(
      'sampleChain: warmup "pymc" adapts a diagonal metric (PyMC\'s QuadPotentialDiagAdapt); denseMass must be false',
    );
  if (
    kind === "stan" &&
    (options.initialMean !== undefined || options.initialMetricWeight !== undefined)
  )
    throw new McmcParameterError(
      'sampleChain: initialMean and initialMetricWeight belong to warmup "pymc"',
    );
  return kind;
}

function pymcWarmup(
  kernel: TunableKernel,
  d: number,
  numWarmup: number,
  targetAccept: number,
  options: SampleChainOptions,
): WindowAdaptation {
  const metric = options.initialInverseMassMatrix;
  if (metric !== undefined && metric.length !== d)
    throw new McmcShapeError(
      `sampleChain: warmup "pymc" takes a diagonal initialInverseMassMatrix of length ${d}, got length ${metric.length}`,
    );
  return pymcAdaptation(kernel, d, {
    numWarmup,
    targetAccept,
    ...(metric !== undefined ? { initialInverseMassMatrix: metric } : {}),
    ...(options.initialMean !== undefined ? { initialMean: options.initialMean } : {}),
    ...(options.initialMetricWeight !== undefined
      ? { initialWeight: options.initialMetricWeight }
      : {}),
    ...(options.initialStepSize !== undefined ? { initialStepSize: options.initialStepSize } : {}),
    ...(options.adaptMassMatrix !== undefined ? { adaptMassMatrix: options.adaptMassMatrix } : {}),
  });
}

/**
 * Runs one chain with Stan's warmup on a flat `potential` (`U = −log p` with gradient): NUTS
 * by default, or any {@link TunableKernel} passed as `kernel`.
 *
 * Warmup (`numWarmup` iterations, {@link windowAdaptation} over `buildSchedule`): the step
 * size starts from `findReasonableStepSize` and is adapted by dual averaging towards
 * `targetAccept` on every warmup iteration (shrinking towards `μ = log(10 · initialStepSize)`
 * until the first window ends, as Stan); draws inside each slow window feed a Welford variance (or covariance when
 * `denseMass`) estimator, and at the end of each window the inverse mass matrix becomes the
 * regularised estimate `(n/(n+5))·Σ̂ + 1e-3·(5/(n+5))·I`, the step size is re-initialised with
 * `findReasonableStepSize` from the current one and dual averaging restarts with
 * `μ = log(10 ε)`. After warmup the step size is fixed to the dual-averaging average `exp(log ε̄)`.
 *
 * Keys: `split(key, 3)` → (step-size searches, warmup, sampling); iteration `i` of a phase uses
 * `foldIn(phaseKey, i)`, search `k` uses `foldIn(searchKey, k)`. The same key and inputs give
 * bit-identical results, also when the chain is resumed from a checkpoint (`checkpoint`,
 * `resume`). The transition loop reuses one state, info and parameter object.
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

  const init = initState(initialPosition, potential);
  const d = init.position.length;
  const maxTreeDepth = options.maxTreeDepth ?? 10;
  const nuts = (depth: number): TunableKernel =>
    buildNUTSKernel({
      potential,
      maxTreeDepth: depth,
      divergenceThreshold: options.divergenceThreshold ?? 1000,
    });
  const kernel: TunableKernel = options.kernel ?? nuts(maxTreeDepth);
  const pymc = warmupKind(options) === "pymc";
  // PyMC's NUTS caps the trees of the first 200 tuning iterations at depth 8
  // (`early_max_treedepth`), which keeps a badly scaled start from costing 1023 gradients.
  const earlyKernel =
    pymc && options.kernel === undefined && maxTreeDepth > PYMC_EARLY_MAX_TREE_DEPTH
      ? nuts(PYMC_EARLY_MAX_TREE_DEPTH)
      : kernel;
  const [kSearch, kWarmup, kSampling] = split(options.key, 3) as [PRNGKey, PRNGKey, PRNGKey];
  const warmup = pymc
    ? pymcWarmup(kernel, d, numWarmup, targetAccept, options)
    : windowAdaptation(kernel, d, {
        numWarmup,
        key: kSearch,
        targetAccept,
        ...(options.denseMass !== undefined ? { denseMass: options.denseMass } : {}),
        ...(options.adaptMassMatrix !== undefined
          ? { adaptMassMatrix: options.adaptMassMatrix }
          : {}),
        ...(options.schedule !== undefined ? { schedule: options.schedule } : {}),
        ...(options.initialStepSize !== undefined
          ? { initialStepSize: options.initialStepSize }
          : {}),
        ...(options.initialInverseMassMatrix !== undefined
          ? { initialInverseMassMatrix: options.initialInverseMassMatrix }
          : {}),
      });
  const state: MutableHMCState = {
    position: init.position,
    potentialEnergy: init.potentialEnergy,
    potentialGrad: init.potentialGrad,
  };
  const info: Mutable<TransitionInfo> = kernel.newInfo();

  const warmupStats = numWarmup > 0 ? newStats(numWarmup) : undefined;
  const draws = new Float64Array(numSamples * d);
  const stats = newStats(numSamples);
  const total = numSamples * thinning;
  let adaptation: WindowAdaptationState;
  let warmupDivergences = 0;
  let samplingDivergences = 0;
  let kept = 0;
  let start = 0;

  const resume = options.resume;
  if (resume) {
    const snap = resume.snapshot;
    checkResume(snap, d, numWarmup, total);
    state.position.set(snap.position);
    state.potentialEnergy = snap.potentialEnergy;
    state.potentialGrad.set(snap.potentialGrad);
    adaptation = {
      stepSize: snap.stepSize,
      inverseMassMatrix: snap.inverseMassMatrix.slice(),
      dualAveraging: snap.dualAveraging,
      window: snap.window,
      searches: snap.searches,
    };
    if (snap.welford) warmup.restore(snap.welford);
    warmupDivergences = snap.warmupDivergences;
    samplingDivergences = snap.samplingDivergences;
    kept = snap.kept;
    start = snap.completed;
    if (warmupStats) writeStats(warmupStats, resume.history.warmupStats, 0);
    draws.set(resume.history.draws);
    writeStats(stats, resume.history.stats, 0);
  } else {
    adaptation = warmup.init(state);
  }
  // The kernel reads this object; it is updated in place rather than reallocated per iteration.
  const params: { stepSize: number; inverseMassMatrix: InverseMassMatrix } = {
    stepSize: adaptation.stepSize,
    inverseMassMatrix: adaptation.inverseMassMatrix,
  };

  // Checkpoints: the state after `completed` iterations and the rows since the previous one.
  const checkpoint = options.checkpoint;
  let warmupRowsSent = Math.min(start, numWarmup);
  let keptSent = kept;
  const maybeCheckpoint = (completed: number): void => {
    if (checkpoint === undefined || !checkpoint.due(completed)) return;
    const warmupRows = Math.min(completed, numWarmup);
    const welford = warmup.snapshot();
    checkpoint.emit({
      snapshot: {
        completed,
        position: state.position.slice(),
        potentialEnergy: state.potentialEnergy,
        potentialGrad: state.potentialGrad.slice(),
        stepSize: params.stepSize,
        inverseMassMatrix: params.inverseMassMatrix.slice(),
        dualAveraging: adaptation.dualAveraging,
        window: adaptation.window,
        ...(welford ? { welford } : {}),
        searches: adaptation.searches,
        warmupDivergences,
        samplingDivergences,
        kept,
      },
      history: {
        warmupStats: sliceStats(warmupStats ?? stats, warmupRowsSent, warmupRows),
        draws: draws.slice(keptSent * d, kept * d),
        stats: sliceStats(stats, keptSent, kept),
      },
    });
    warmupRowsSent = warmupRows;
    keptSent = kept;
  };

  // ---- warmup ----
  for (let i = start; i < numWarmup && warmupStats; i++) {
    const k = i < PYMC_EARLY_ITERATIONS ? earlyKernel : kernel;
    k.stepInto(foldIn(kWarmup, i), state, params, state, info);
    record(warmupStats, i, state, info, params.stepSize);
    if (info.isDivergent) warmupDivergences++;
    adaptation = warmup.update(adaptation, i, state, info.acceptanceRate);
    params.stepSize = adaptation.stepSize;
    params.inverseMassMatrix = adaptation.inverseMassMatrix;
    if (options.onProgress && ((i + 1) % progressInterval === 0 || i === numWarmup - 1)) {
      options.onProgress({
        phase: "warmup",
        iteration: i + 1,
        total: numWarmup,
        divergences: warmupDivergences,
        stepSize: params.stepSize,
      });
    }
    // not after the last warmup iteration: the step size is finalised below
    if (i + 1 < numWarmup) maybeCheckpoint(i + 1);
  }
  // After warmup: the dual-averaging average (if any update happened since the last restart).
  if (start < numWarmup) {
    const final: KernelParams = warmup.final(adaptation);
    params.stepSize = final.stepSize;
    params.inverseMassMatrix = final.inverseMassMatrix;
  }

  // ---- sampling ----
  for (let s = Math.max(0, start - numWarmup); s < total; s++) {
    kernel.stepInto(foldIn(kSampling, s), state, params, state, info);
    if (info.isDivergent) samplingDivergences++;
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
        divergences: samplingDivergences,
        stepSize: params.stepSize,
      });
    }
    if (s + 1 < total) maybeCheckpoint(numWarmup + s + 1);
  }

  const result: SampleChainResult = {
    dim: d,
    draws,
    stats,
    adapted: { stepSize: params.stepSize, inverseMassMatrix: params.inverseMassMatrix },
  };
  return warmupStats ? { ...result, warmupStats } : result;
}
