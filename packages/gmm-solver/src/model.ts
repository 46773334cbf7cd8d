import { categorical, normal, split } from "@sidereal/distributions";
import {
  COVARIANCE_TYPES,
  type CovarianceType,
  componentCovariance,
  covarianceLength,
  nParameters,
  precisionCholeskyFromCovariances,
} from "./covariance.js";
import { GmmError } from "./errors.js";
import { choleskyLower } from "./linalg.js";
import { type MixtureParameters, RowLogProb } from "./log-prob.js";
import { type MatrixInput, toMatrix } from "./matrix.js";
import { type Seed, toKey } from "./seed.js";

/** Diagnostics of the EM run that produced a model (absent for hand-built models). */
export interface FitInfo {
  /** Whether the kept EM run stopped because |Δ lower bound| < tol. */
  readonly converged: boolean;
  /** EM iterations of the kept run. */
  readonly nIter: number;
  /**
   * Mean log-likelihood per sample of the kept run at its last iteration (scikit-learn's
   * `lower_bound_`: computed in the last E-step, i.e. for the parameters before the final
   * M-step). `-Infinity` when `maxIter = 0`.
   */
  readonly lowerBound: number;
  /** Lower bound after each iteration of the kept run. */
  readonly lowerBounds: readonly number[];
}

/**
 * A fitted (or hand-built) Gaussian mixture `p(x) = Σₖ πₖ N(x | μₖ, Σₖ)` with scikit-learn's
 * attribute layout: `weights` (K), `means` (K×d row-major), `covariances` and
 * `precisionsCholesky` in the layout of {@link CovarianceType}, where the precision Cholesky
 * factor `Cₖ` satisfies `Σₖ⁻¹ = Cₖ Cₖᵀ`. Methods evaluate everything in log space from `Cₖ`,
 * streaming over rows (memory O(K·d) besides the output). Data passed to methods must have
 * `nFeatures` columns (`GmmError` `"dimensionMismatch"` otherwise; `"nonFinite"` for NaN/Inf).
 */
export class GaussianMixtureModel implements MixtureParameters, FitInfo {
  readonly covarianceType: CovarianceType;
  readonly nComponents: number;
  readonly nFeatures: number;
  readonly weights: Float64Array;
  readonly means: Float64Array;
  readonly covariances: Float64Array;
  readonly precisionsCholesky: Float64Array;
  readonly converged: boolean;
  readonly nIter: number;
  readonly lowerBound: number;
  readonly lowerBounds: readonly number[];

  constructor(params: MixtureParameters, info?: FitInfo) {
    this.covarianceType = params.covarianceType;
    this.nComponents = params.nComponents;
    this.nFeatures = params.nFeatures;
    this.weights = params.weights;
    this.means = params.means;
    this.covariances = params.covariances;
    this.precisionsCholesky = params.precisionsCholesky;
    this.converged = info?.converged ?? false;
    this.nIter = info?.nIter ?? 0;
    this.lowerBound = info?.lowerBound ?? Number.NEGATIVE_INFINITY;
    this.lowerBounds = info?.lowerBounds ?? [];
  }

  /** `log p(xᵢ)` for each row (scikit-learn's `score_samples`). */
  scoreSamples(X: MatrixInput): Float64Array {
    const M = toMatrix(X, this.nFeatures);
    const kernel = this.kernel();
    const out = new Float64Array(M.n);
    for (let i = 0; i < M.n; i++) out[i] = kernel.row(M.data, i * M.d);
    return out;
  }

  /** Mean log-likelihood per row, `(1/n) Σᵢ log p(xᵢ)` (scikit-learn's `score`). */
  score(X: MatrixInput): number {
    const s = this.scoreSamples(X);
    let t = 0;
    for (let i = 0; i < s.length; i++) t += s[i]!;
    return t / s.length;
  }

  /** Most probable component per row, `argmaxₖ log πₖ + log N(xᵢ | μₖ, Σₖ)` (first on ties). */
  predict(X: MatrixInput): Int32Array {
    const M = toMatrix(X, this.nFeatures);
    const kernel = this.kernel();
    const K = this.nComponents;
    const out = new Int32Array(M.n);
    for (let i = 0; i < M.n; i++) {
      kernel.row(M.data, i * M.d);
      let best = 0;
      for (let k = 1; k < K; k++) if (kernel.logp[k]! > kernel.logp[best]!) best = k;
      out[i] = best;
    }
    return out;
  }

  /** Posterior responsibilities `p(k | xᵢ)`, n×K row-major (rows sum to 1). */
  predictProba(X: MatrixInput): Float64Array {
    const M = toMatrix(X, this.nFeatures);
    const kernel = this.kernel();
    const K = this.nComponents;
    const out = new Float64Array(M.n * K);
    for (let i = 0; i < M.n; i++) {
      const lse = kernel.row(M.data, i * M.d);
      for (let k = 0; k < K; k++) out[i * K + k] = Math.exp(kernel.logp[k]! - lse);
    }
    return out;
  }

  /**
   * Draws `n` samples: component counts from a multinomial(n, π) (n categorical draws), then
   * `μₖ + Lₖ z` with `Σₖ = Lₖ Lₖᵀ`, z standard normal. As in scikit-learn, rows are grouped by
   * component (labels ascending). Throws `GmmError` (`"option"`) unless n is an integer ≥ 1.
   */
  sample(seed: Seed, n: number): { X: Float64Array; labels: Int32Array } {
    if (!Number.isInteger(n) || n < 1) {
      throw new GmmError("option", `sample: n must be an integer ≥ 1, got ${n}`, "n");
    }
    const K = this.nComponents;
    const d = this.nFeatures;
    const [kc, kz] = split(toKey(seed), 2);
    const logits = new Float64Array(K);
    for (let k = 0; k < K; k++) logits[k] = Math.log(this.weights[k]!);
    const draws = categorical(kc!, logits, [n]);
    const counts = new Int32Array(K);
    for (let i = 0; i < n; i++) counts[draws[i]!]++;
    const z = normal(kz!, [n, d]);
    const X = new Float64Array(n * d);
    const labels = new Int32Array(n);
    let row = 0;
    for (let k = 0; k < K; k++) {
      const L = choleskyLower(componentCovariance(this.covariances, this.covarianceType, k, d), d);
      if (L === null) throw new GmmError("illDefinedCovariance", "sample: covariance not PD");
      for (let c = 0; c < counts[k]!; c++, row++) {
        labels[row] = k;
        for (let i = 0; i < d; i++) {
          let s = this.means[k * d + i]!;
          for (let j = 0; j <= i; j++) s += L[i * d + j]! * z[row * d + j]!;
          X[row * d + i] = s;
        }
      }
    }
    return { X, labels };
  }

  /**
   * Number of free parameters (scikit-learn's `_n_parameters`):
   * `(K − 1) + K·d + {K·d(d+1)/2, d(d+1)/2, K·d, K}` for full, tied, diag, spherical.
   */
  nParameters(): number {
    return nParameters(this.covarianceType, this.nComponents, this.nFeatures);
  }

  /** Bayesian information criterion `−2 n·score(X) + p ln n` (lower is better). */
  bic(X: MatrixInput): number {
    const M = toMatrix(X, this.nFeatures);
    return -2 * this.score(M.data) * M.n + this.nParameters() * Math.log(M.n);
  }

  /** Akaike information criterion `−2 n·score(X) + 2p` (lower is better). */
  aic(X: MatrixInput): number {
    const M = toMatrix(X, this.nFeatures);
    return -2 * this.score(M.data) * M.n + 2 * this.nParameters();
  }

  private kernel(): RowLogProb {
    const k = new RowLogProb(this.covarianceType, this.nComponents, this.nFeatures);
    k.setParameters(this);
    return k;
  }
}

/** Nested or flat numeric array (any depth up to 3), flattened row-major. */
export type NumericArray =
  | Float64Array
  | readonly number[]
  | readonly (readonly number[])[]
  | readonly (readonly (readonly number[])[])[];

/** @internal Flattens a nested numeric array row-major. */
export function flatten(a: NumericArray, name: string): Float64Array {
  if (a instanceof Float64Array) return a.slice();
  const out: number[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) for (const e of v) walk(e);
    else if (typeof v === "number") out.push(v);
    else throw new GmmError("shape", `${name}: expected numbers`, name);
  };
  walk(a);
  return Float64Array.from(out);
}

/**
 * Builds a model from parameters: `weights` (K, non-negative, summing to 1 within 1e-8),
 * `means` (K×d, nested or flat row-major; d = length / K), `covariances` in the layout of `covarianceType` (flat or nested). Precision
 * Cholesky factors are computed from the covariances. Throws `GmmError`: `"shape"` /
 * `"dimensionMismatch"` for inconsistent sizes, `"nonFinite"`, `"option"` (bad weights or
 * covariance type), `"illDefinedCovariance"` (a covariance not positive definite).
 */
export function gaussianMixtureFromParameters(params: {
  readonly weights: NumericArray;
  readonly means: NumericArray;
  readonly covariances: NumericArray;
  readonly covarianceType?: CovarianceType;
}): GaussianMixtureModel {
  const type = params.covarianceType ?? "full";
  if (!COVARIANCE_TYPES.includes(type)) {
    throw new GmmError("option", `unknown covarianceType "${type as string}"`, "covarianceType");
  }
  const weights = flatten(params.weights, "weights");
  const K = weights.length;
  if (K < 1) throw new GmmError("nComponents", "weights: need at least one component", "weights");
  const means = flatten(params.means, "means");
  if (means.length === 0 || means.length % K !== 0) {
    throw new GmmError(
      "dimensionMismatch",
      `means has ${means.length} numbers, not a positive multiple of K = ${K}`,
      "means",
    );
  }
  for (let i = 0; i < means.length; i++) {
    if (!Number.isFinite(means[i]!)) throw new GmmError("nonFinite", "means: not finite", "means");
  }
  checkWeights(weights, K, "weights");
  const d = means.length / K;
  const cov = flatten(params.covariances, "covariances");
  checkCovariances(cov, type, K, d, "covariances");
  const pc = precisionCholeskyFromCovariances(cov, type, K, d, "gaussianMixtureFromParameters");
  return new GaussianMixtureModel({
    covarianceType: type,
    nComponents: K,
    nFeatures: d,
    weights,
    means,
    covariances: cov,
    precisionsCholesky: pc,
  });
}

/** @internal Validates mixture weights (finite, in [0, 1], summing to 1 within 1e-8). */
export function checkWeights(w: Float64Array, K: number, name: string): void {
  if (w.length !== K) {
    throw new GmmError(
      "dimensionMismatch",
      `${name}: expected ${K} entries, got ${w.length}`,
      name,
    );
  }
  let s = 0;
  for (let k = 0; k < K; k++) {
    const v = w[k]!;
    if (!Number.isFinite(v)) throw new GmmError("nonFinite", `${name}: not finite`, name);
    if (v < 0 || v > 1) throw new GmmError("option", `${name}: entries must be in [0, 1]`, name);
    s += v;
  }
  if (Math.abs(1 - s) > 1e-8) {
    throw new GmmError("option", `${name}: must sum to 1, got ${s}`, name);
  }
}

/** @internal Validates the length and finiteness of a flat covariance / precision array. */
export function checkCovariances(
  c: Float64Array,
  type: CovarianceType,
  K: number,
  d: number,
  name: string,
): void {
  const len = covarianceLength(type, K, d);
  if (c.length !== len) {
    throw new GmmError(
      "dimensionMismatch",
      `${name}: expected ${len} numbers for covarianceType "${type}" with K = ${K}, d = ${d}, got ${c.length}`,
      name,
    );
  }
  for (let i = 0; i < c.length; i++) {
    if (!Number.isFinite(c[i]!)) throw new GmmError("nonFinite", `${name}: not finite`, name);
  }
  if (type === "full" || type === "tied") {
    const m = type === "full" ? K : 1;
    for (let b = 0; b < m; b++) {
      for (let i = 0; i < d; i++) {
        for (let j = 0; j < i; j++) {
          const x = c[b * d * d + i * d + j]!;
          const y = c[b * d * d + j * d + i]!;
          if (Math.abs(x - y) > 1e-10 * Math.max(1, Math.abs(x), Math.abs(y))) {
            throw new GmmError("option", `${name}: matrix ${b} is not symmetric`, name);
          }
        }
      }
    }
  }
}
