import { foldIn } from "@sidereal/distributions";
import {
  COVARIANCE_TYPES,
  type CovarianceType,
  precisionCholeskyFromCovariances,
} from "./covariance.js";
import { BlockEmPass } from "./em-block.js";
import { GmmError } from "./errors.js";
import { SufficientStatistics } from "./estimate.js";
import {
  type ExplicitInit,
  INIT_PARAMS,
  type InitParams,
  initializeParameters,
} from "./initialize.js";
import type { MixtureParameters } from "./log-prob.js";
import { type Matrix, type MatrixInput, toMatrix } from "./matrix.js";
import { GaussianMixtureModel } from "./model.js";
import { type Seed, toKey } from "./seed.js";

/** Options of {@link fitGaussianMixture} (scikit-learn's `GaussianMixture` parameters). */
export interface GaussianMixtureOptions extends ExplicitInit {
  /** Number of components K (integer ≥ 1, ≤ number of rows). */
  readonly nComponents: number;
  /** Covariance parameterisation (default `"full"`). */
  readonly covarianceType?: CovarianceType;
  /** Convergence threshold on the change of the mean log-likelihood lower bound (default 1e-3). */
  readonly tol?: number;
  /** Non-negative value added to covariance diagonals (default 1e-6). */
  readonly regCovar?: number;
  /** Maximum EM iterations per initialisation (default 100; 0 returns the initialisation). */
  readonly maxIter?: number;
  /** Number of initialisations; the one with the highest final lower bound is kept (default 1). */
  readonly nInit?: number;
  /** Initialisation strategy (default `"kmeans"`). */
  readonly initParams?: InitParams;
  /** Seed or PRNG key (default `key(0)`); initialisation r uses `foldIn(key, r)`. */
  readonly seed?: Seed;
  /**
   * Previous model to continue from (scikit-learn's `warm_start`): EM starts at its parameters
   * with its `lowerBound` as the previous bound, and `nInit` is ignored (one run).
   */
  readonly warmStart?: GaussianMixtureModel;
  /** Number of features, required when `X` is a flat `Float64Array` (unless warm-starting). */
  readonly nFeatures?: number;
}

function checkOptions(
  o: GaussianMixtureOptions,
): Required<
  Pick<
    GaussianMixtureOptions,
    "covarianceType" | "tol" | "regCovar" | "maxIter" | "nInit" | "initParams"
  >
> {
  const covarianceType = o.covarianceType ?? "full";
  const tol = o.tol ?? 1e-3;
  const regCovar = o.regCovar ?? 1e-6;
  const maxIter = o.maxIter ?? 100;
  const nInit = o.nInit ?? 1;
  const initParams = o.initParams ?? "kmeans";
  const K = o.nComponents;
  if (!Number.isInteger(K) || K < 1) {
    throw new GmmError(
      "nComponents",
      `nComponents must be an integer ≥ 1, got ${K}`,
      "nComponents",
    );
  }
  if (!COVARIANCE_TYPES.includes(covarianceType)) {
    throw new GmmError("option", `unknown covarianceType "${covarianceType}"`, "covarianceType");
  }
  if (!INIT_PARAMS.includes(initParams)) {
    throw new GmmError("option", `unknown initParams "${initParams}"`, "initParams");
  }
  if (!(tol >= 0) || !Number.isFinite(tol)) {
    throw new GmmError("option", `tol must be finite and ≥ 0, got ${tol}`, "tol");
  }
  if (!(regCovar >= 0) || !Number.isFinite(regCovar)) {
    throw new GmmError("option", `regCovar must be finite and ≥ 0, got ${regCovar}`, "regCovar");
  }
  if (!Number.isInteger(maxIter) || maxIter < 0) {
    throw new GmmError("option", `maxIter must be an integer ≥ 0, got ${maxIter}`, "maxIter");
  }
  if (!Number.isInteger(nInit) || nInit < 1) {
    throw new GmmError("option", `nInit must be an integer ≥ 1, got ${nInit}`, "nInit");
  }
  return { covarianceType, tol, regCovar, maxIter, nInit, initParams };
}

/**
 * One EM iteration (scikit-learn's `_e_step` + `_m_step`), streaming over blocks of rows
 * ({@link BlockEmPass}): the E-step computes `log πₖ N(xᵢ | μₖ, Σₖ)` from the precision
 * Cholesky factors, the row log-sum-exp and the responsibilities; sufficient statistics are
 * accumulated about the current means; the M-step returns new parameters. Returns the new
 * parameters and the mean log-likelihood of the *old* parameters (scikit-learn's lower bound).
 */
function emStep(
  M: Matrix,
  params: MixtureParameters,
  pass: BlockEmPass,
  stats: SufficientStatistics,
  regCovar: number,
): { params: MixtureParameters; lowerBound: number } {
  const { n, d, data } = M;
  const K = params.nComponents;
  stats.reset(params.means);
  const total = pass.run(data, n, params, stats);
  const est = stats.finalize(regCovar);
  let sum = 0;
  for (let k = 0; k < K; k++) sum += est.nk[k]!;
  const weights = est.nk.map((v) => v / sum);
  const type = params.covarianceType;
  const pc = precisionCholeskyFromCovariances(est.covariances, type, K, d);
  return {
    params: {
      covarianceType: type,
      nComponents: K,
      nFeatures: d,
      weights,
      means: est.means,
      covariances: est.covariances,
      precisionsCholesky: pc,
    },
    lowerBound: total / n,
  };
}

/**
 * Fits a Gaussian mixture by expectation–maximisation with scikit-learn's `GaussianMixture`
 * semantics (Dempster, Laird & Rubin 1977; Bishop 2006 §9.2). For each of `nInit`
 * initialisations: parameters from initial responsibilities (`initParams`), then EM iterations;
 * iteration t computes the lower bound `ℓₜ = (1/n) Σᵢ log Σₖ πₖ N(xᵢ | μₖ, Σₖ)` in the E-step
 * (for the parameters entering it) and stops when `|ℓₜ − ℓₜ₋₁| < tol` (`converged`) or after
 * `maxIter`. The initialisation with the highest final bound is kept. M-step: `nₖ = Σᵢ rᵢₖ + 10
 * eps`, `πₖ = nₖ / Σ nₖ`, `μₖ = Σᵢ rᵢₖ xᵢ / nₖ`, covariances per {@link CovarianceType} plus
 * `regCovar`·I. All densities are evaluated in log space from Cholesky factors of the precisions;
 * memory is O(n·d) for the data plus O(K·d² + 256·K·d), as rows are streamed in blocks of 256 (no
 * n×K responsibility matrix).
 *
 * Throws `GmmError`: `"nComponents"` (K not an integer ≥ 1), `"tooFewSamples"` (n < K),
 * `"nonFinite"` (NaN/Inf in X), `"shape"` / `"dimensionMismatch"` (bad X, `*Init` sizes),
 * `"option"` (tol/regCovar < 0, maxIter < 0, nInit < 1, unknown covarianceType/initParams),
 * `"warmStart"` (model with a different K, d or covariance type), `"illDefinedCovariance"`
 * (a covariance not positive definite after adding regCovar — increase `regCovar`).
 */
export function fitGaussianMixture(
  X: MatrixInput,
  options: GaussianMixtureOptions,
): GaussianMixtureModel {
  const o = checkOptions(options);
  const K = options.nComponents;
  const warm = options.warmStart;
  const M = toMatrix(X, options.nFeatures ?? warm?.nFeatures);
  if (M.n < K) {
    throw new GmmError(
      "tooFewSamples",
      `expected n_samples ≥ nComponents, got ${M.n} samples for ${K} components`,
      "X",
    );
  }
  if (warm !== undefined) {
    if (
      warm.nComponents !== K ||
      warm.nFeatures !== M.d ||
      warm.covarianceType !== o.covarianceType
    ) {
      throw new GmmError(
        "warmStart",
        `warmStart model has K = ${warm.nComponents}, d = ${warm.nFeatures}, covarianceType ` +
          `"${warm.covarianceType}"; requested K = ${K}, d = ${M.d}, "${o.covarianceType}"`,
        "warmStart",
      );
    }
  }
  const nInit = warm === undefined ? o.nInit : 1;
  const root = toKey(options.seed);
  const pass = new BlockEmPass(o.covarianceType, K, M.d);
  const stats = new SufficientStatistics(o.covarianceType, K, M.d);

  let best: MixtureParameters | undefined;
  let bestBound = Number.NEGATIVE_INFINITY;
  let bestIter = 0;
  let bestConverged = false;
  let bestBounds: number[] = [];
  for (let r = 0; r < nInit; r++) {
    let params: MixtureParameters =
      warm ??
      initializeParameters(
        M,
        o.covarianceType,
        K,
        o.regCovar,
        o.initParams,
        foldIn(root, r),
        options,
      );
    if (o.maxIter === 0) {
      best = params;
      bestIter = 0;
      continue;
    }
    let bound = warm === undefined ? Number.NEGATIVE_INFINITY : warm.lowerBound;
    let converged = false;
    let it = 0;
    const bounds: number[] = [];
    for (it = 1; it <= o.maxIter; it++) {
      const prev = bound;
      const step = emStep(M, params, pass, stats, o.regCovar);
      params = step.params;
      bound = step.lowerBound;
      bounds.push(bound);
      if (Math.abs(bound - prev) < o.tol) {
        converged = true;
        break;
      }
    }
    if (it > o.maxIter) it = o.maxIter;
    if (best === undefined || bound > bestBound || bestBound === Number.NEGATIVE_INFINITY) {
      best = params;
      bestBound = bound;
      bestIter = it;
      bestConverged = converged;
      bestBounds = bounds;
    }
  }
  return new GaussianMixtureModel(best!, {
    converged: bestConverged,
    nIter: bestIter,
    lowerBound: bestBound,
    lowerBounds: bestBounds,
  });
}
