/**
 * PyMC's NUTS tuning (`pm.sample` with `QuadPotentialDiagAdapt`), in the same
 * `(init, update, final)` shape as {@link windowAdaptation}, so that a PyMC user's run can be
 * reproduced step for step rather than approximated by Stan's schedule:
 *
 * - step size: dual averaging from `ε₀ = 0.25 / d^{1/4}` with `μ = log(10 ε₀)` on every tuning
 *   iteration, never searched and never restarted (`DualAverageAdaptation`, `step_scale` 0.25);
 * - metric: a diagonal inverse mass matrix from two weighted running variances, a foreground
 *   and a background. The first `discardWindow` (50) tuning draws are not used; every later draw
 *   goes into both; once more than `adaptationWindow` (101) draws were seen the metric is the
 *   foreground's variance (divided by its weight `n`, clipped to [1e-12, 1e12]) after every draw,
 *   and every `adaptationWindow` draws the background becomes the foreground and a new
 *   background starts.
 * - the foreground starts with the initial mean and variance weighted as `initialWeight`
 *   pseudo-draws (PyMC's `initial_weight`: 50 after "advi+adapt_diag", 10 otherwise). Without
 *   `earlyUpdate` (PyMC's default) the first swap, at draw 101, replaces that foreground before
 *   the metric is first read from it, so the weight only matters with `earlyUpdate`: until
 *   draw 101 the metric is the initial variance itself.
 *
 * Source of the algorithm: PyMC's `pymc/step_methods/hmc/quadpotential.py`
 * (`QuadPotentialDiagAdapt.update`, `_WeightedVariance`) and `base_hmc.py` (`step_scale / n**0.25`,
 * `DualAverageAdaptation(..., gamma 0.05, k 0.75, t0 10)`). Its `early_max_treedepth` (8 for
 * the first 200 tuning iterations) is the kernel's business and lives in `sampleChain`.
 */
import { McmcParameterError, McmcShapeError } from "../errors.js";
import type { TunableKernel } from "../kernel.js";
import { checkInteger } from "../params.js";
import { dualAveraging } from "./dualAveraging.js";
import type { WelfordSnapshot } from "./welford.js";
import { type AdaptationSnapshot, finalParams, type WindowAdaptation } from "./windowAdaptation.js";

/** Options of {@link pymcAdaptation} (defaults are PyMC's). */
export interface PymcAdaptationOptions {
  /** Tuning iterations (integer ≥ 0). */
  readonly numWarmup: number;
  /** Dual-averaging target for the mean acceptance statistic (default 0.8). */
  readonly targetAccept?: number;
  /** First step size (default PyMC's `0.25 / d^{1/4}`). */
  readonly initialStepSize?: number;
  /** Initial diagonal inverse mass matrix, i.e. variances (default ones). */
  readonly initialInverseMassMatrix?: Float64Array;
  /** Initial mean of the foreground estimator (default zeros). */
  readonly initialMean?: Float64Array;
  /** Pseudo-draws the initial mean and variance count for (default 10; PyMC's ADVI init: 50). */
  readonly initialWeight?: number;
  /** Draws between foreground/background swaps (default 101). */
  readonly adaptationWindow?: number;
  /** First tuning draws not used for the metric (default 50). */
  readonly discardWindow?: number;
  /** Read the metric from the foreground from the first draw on (default false, as PyMC). */
  readonly earlyUpdate?: boolean;
  /** Adapt the metric at all (default true; false keeps the initial variance throughout). */
  readonly adaptMassMatrix?: boolean;
}

/** PyMC's `_WeightedVariance`: count starts at a (pseudo-)weight, variance is `M₂ / n`. */
interface WeightedVariance {
  count: number;
  readonly mean: Float64Array;
  readonly m2: Float64Array;
}

function weightedVariance(
  dim: number,
  mean?: Float64Array,
  variance?: Float64Array,
  weight = 0,
): WeightedVariance {
  const m2 = new Float64Array(dim);
  if (variance) for (let i = 0; i < dim; i++) m2[i] = variance[i] * weight;
  return { count: weight, mean: mean ? mean.slice() : new Float64Array(dim), m2 };
}

function addDraw(w: WeightedVariance, x: Float64Array): void {
  w.count += 1;
  const n = w.count;
  for (let i = 0; i < x.length; i++) {
    const before = x[i] - w.mean[i];
    w.mean[i] += before / n;
    w.m2[i] += before * (x[i] - w.mean[i]);
  }
}

const MIN_VARIANCE = 1e-12;
const MAX_VARIANCE = 1e12;

function currentVariance(w: WeightedVariance, out: Float64Array): Float64Array {
  for (let i = 0; i < out.length; i++) {
    const v = w.m2[i] / w.count;
    out[i] = v < MIN_VARIANCE ? MIN_VARIANCE : v > MAX_VARIANCE ? MAX_VARIANCE : v;
  }
  return out;
}

const snapshotOf = (w: WeightedVariance): WelfordSnapshot => ({
  count: w.count,
  mean: w.mean.slice(),
  m2: w.m2.slice(),
});

function restoreInto(w: WeightedVariance, s: WelfordSnapshot): void {
  if (s.mean.length !== w.mean.length || s.m2.length !== w.m2.length)
    throw new McmcShapeError(
      `pymcAdaptation: snapshot of dimension ${s.mean.length} does not fit ${w.mean.length}`,
    );
  w.count = s.count;
  w.mean.set(s.mean);
  w.m2.set(s.m2);
}

function checkVector(v: Float64Array | undefined, dim: number, name: string): void {
  if (v !== undefined && v.length !== dim)
    throw new McmcShapeError(`pymcAdaptation: ${name} has length ${v.length}; expected ${dim}`);
}

/**
 * PyMC's tuning at dimension `dim` (see the module doc). The kernel is not used (PyMC does not
 * search the step size); the parameter keeps the signature of {@link windowAdaptation}. The
 * state's `window` counts the tuning draws seen (PyMC's `_n_samples`). Throws
 * `McmcParameterError` for bad options and `McmcShapeError` for wrong-length vectors.
 */
export function pymcAdaptation(
  _kernel: Pick<TunableKernel, "potential"> | undefined,
  dim: number,
  options: PymcAdaptationOptions,
): WindowAdaptation {
  checkInteger(options.numWarmup, 0, "pymcAdaptation: numWarmup");
  const window = options.adaptationWindow ?? 101;
  const discard = options.discardWindow ?? 50;
  checkInteger(window, 1, "pymcAdaptation: adaptationWindow");
  checkInteger(discard, 0, "pymcAdaptation: discardWindow");
  const weight = options.initialWeight ?? 10;
  if (!(weight >= 0) || !Number.isFinite(weight))
    throw new McmcParameterError(
      `pymcAdaptation: initialWeight must be finite and >= 0, got ${weight}`,
    );
  const initialVariance = options.initialInverseMassMatrix ?? new Float64Array(dim).fill(1);
  checkVector(initialVariance, dim, "initialInverseMassMatrix (a diagonal)");
  checkVector(options.initialMean, dim, "initialMean");
  const initialStepSize = options.initialStepSize ?? 0.25 / dim ** 0.25;
  const earlyUpdate = options.earlyUpdate ?? false;
  const adaptMetric = options.adaptMassMatrix ?? true;
  const da = dualAveraging(
    options.targetAccept !== undefined ? { targetAccept: options.targetAccept } : {},
  );

  let foreground = weightedVariance(dim, options.initialMean, initialVariance, weight);
  let background = weightedVariance(dim);

  return {
    windows: [],
    init() {
      return {
        stepSize: initialStepSize,
        inverseMassMatrix: initialVariance.slice(),
        dualAveraging: da.init(initialStepSize),
        window: 0,
        searches: 0,
      };
    },
    update(adaptation, _iteration, state, acceptanceRate) {
      const dualState = da.update(adaptation.dualAveraging, acceptanceRate);
      const seen = adaptation.window;
      let inverseMassMatrix = adaptation.inverseMassMatrix;
      if (adaptMetric && seen > discard) {
        addDraw(foreground, state.position);
        addDraw(background, state.position);
      }
      // PyMC raises on a variance of no draws; with weight 0 and `earlyUpdate` that is the
      // discarded start, where the initial variance is kept instead.
      if (adaptMetric && (earlyUpdate || seen > window) && foreground.count > 0)
        inverseMassMatrix = currentVariance(foreground, new Float64Array(dim));
      if (seen > 0 && seen % window === 0) {
        foreground = background;
        background = weightedVariance(dim);
      }
      return {
        stepSize: Math.exp(dualState.logStepSize),
        inverseMassMatrix,
        dualAveraging: dualState,
        window: seen + 1,
        searches: 0,
      };
    },
    final: (adaptation) => finalParams(da, adaptation),
    snapshot: (): AdaptationSnapshot => ({
      foreground: snapshotOf(foreground),
      background: snapshotOf(background),
    }),
    restore(s) {
      if (!("foreground" in s))
        throw new McmcShapeError(
          "pymcAdaptation: the snapshot is a Stan window adaptation's, not PyMC's",
        );
      restoreInto(foreground, s.foreground);
      restoreInto(background, s.background);
    },
  };
}
