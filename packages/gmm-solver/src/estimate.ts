import type { CovarianceType } from "./covariance.js";
import { covarianceLength } from "./covariance.js";
import type { Matrix } from "./matrix.js";

/** Float64 machine epsilon (`np.finfo(float).eps`), used as in scikit-learn's `nk + 10·eps`. */
const EPS = 2 ** -52;

/** Weights, means and covariances estimated from responsibilities (M-step output). */
export interface GaussianEstimate {
  /** Un-normalised component masses `nₖ = Σᵢ rᵢₖ + 10·eps`. */
  readonly nk: Float64Array;
  readonly means: Float64Array;
  readonly covariances: Float64Array;
}

/**
 * Streaming sufficient statistics of a weighted Gaussian fit, accumulated row by row about
 * fixed per-component centres cₖ (the previous means in EM) so that the covariance needs no
 * second pass and suffers no cancellation:
 * `Rₖ = Σ rᵢₖ`, `s1ₖ = Σ rᵢₖ (xᵢ − cₖ)`, `S2ₖ = Σ rᵢₖ (xᵢ − cₖ)(xᵢ − cₖ)ᵀ` (lower triangle; the
 * diagonal only for diag/spherical). {@link finalize} returns scikit-learn's
 * `_estimate_gaussian_parameters`: `nₖ = Rₖ + 10 eps`, `μₖ = cₖ + δₖ` with `δₖ = s1ₖ/nₖ`, and
 * `Σₖ = Σᵢ rᵢₖ (xᵢ − μₖ)(xᵢ − μₖ)ᵀ / nₖ + regCovar·I = (S2ₖ − (2nₖ − Rₖ) δₖδₖᵀ)/nₖ + regCovar·I`
 * (exact algebra); tied averages the scatter matrices over `Σₖ nₖ`, spherical averages the
 * diagonal over features.
 */
export class SufficientStatistics {
  readonly R: Float64Array;
  readonly s1: Float64Array;
  readonly s2: Float64Array;
  readonly centers: Float64Array;
  private readonly full: boolean;

  constructor(
    readonly type: CovarianceType,
    readonly K: number,
    readonly d: number,
  ) {
    this.full = type === "full" || type === "tied";
    this.R = new Float64Array(K);
    this.s1 = new Float64Array(K * d);
    this.s2 = new Float64Array(this.full ? K * d * d : K * d);
    this.centers = new Float64Array(K * d);
  }

  /** Zeroes the sums and sets the centres (zero when omitted). */
  reset(centers?: Float64Array): void {
    this.R.fill(0);
    this.s1.fill(0);
    this.s2.fill(0);
    if (centers) this.centers.set(centers);
    else this.centers.fill(0);
  }

  /** Adds one row given `diff[k·d + j] = xⱼ − cₖⱼ` and its responsibilities `resp[k]`. */
  add(diff: Float64Array, resp: Float64Array): void {
    const { K, d, R, s1, s2 } = this;
    for (let k = 0; k < K; k++) {
      const r = resp[k]!;
      if (r === 0) continue;
      R[k] += r;
      const kd = k * d;
      if (this.full) {
        const ko = k * d * d;
        for (let i = 0; i < d; i++) {
          const ri = r * diff[kd + i]!;
          s1[kd + i] += ri;
          const io = ko + i * d;
          for (let j = 0; j <= i; j++) s2[io + j] += ri * diff[kd + j]!;
        }
      } else {
        for (let i = 0; i < d; i++) {
          const ri = r * diff[kd + i]!;
          s1[kd + i] += ri;
          s2[kd + i] += ri * diff[kd + i]!;
        }
      }
    }
  }

  /** Weights (un-normalised nₖ), means and covariances from the accumulated sums. */
  finalize(regCovar: number): GaussianEstimate {
    const { K, d, R, s1, s2, centers, type } = this;
    const nk = new Float64Array(K);
    const means = new Float64Array(K * d);
    const delta = new Float64Array(K * d);
    for (let k = 0; k < K; k++) {
      nk[k] = R[k]! + 10 * EPS;
      for (let j = 0; j < d; j++) {
        const dl = s1[k * d + j]! / nk[k]!;
        delta[k * d + j] = dl;
        means[k * d + j] = centers[k * d + j]! + dl;
      }
    }
    const covariances = new Float64Array(covarianceLength(type, K, d));
    if (type === "full" || type === "tied") {
      let total = 0;
      for (let k = 0; k < K; k++) total += nk[k]!;
      for (let k = 0; k < K; k++) {
        const c = 2 * nk[k]! - R[k]!;
        const denom = type === "full" ? nk[k]! : total;
        const co = type === "full" ? k * d * d : 0;
        for (let i = 0; i < d; i++) {
          for (let j = 0; j <= i; j++) {
            const v =
              (s2[k * d * d + i * d + j]! - c * delta[k * d + i]! * delta[k * d + j]!) / denom;
            covariances[co + i * d + j] += v;
          }
        }
      }
      const m = type === "full" ? K : 1;
      for (let b = 0; b < m; b++) {
        const co = b * d * d;
        for (let i = 0; i < d; i++) {
          covariances[co + i * d + i] += regCovar;
          for (let j = 0; j < i; j++) covariances[co + j * d + i] = covariances[co + i * d + j]!;
        }
      }
    } else {
      for (let k = 0; k < K; k++) {
        const c = 2 * nk[k]! - R[k]!;
        let acc = 0;
        for (let j = 0; j < d; j++) {
          const dl = delta[k * d + j]!;
          const v = (s2[k * d + j]! - c * dl * dl) / nk[k]! + regCovar;
          if (type === "diag") covariances[k * d + j] = v;
          else acc += v;
        }
        if (type === "spherical") covariances[k] = acc / d;
      }
    }
    return { nk, means, covariances };
  }
}

/**
 * Fills responsibilities for rows `start … start + count)` into `out` (row-major, K per row).
 * Called with consecutive fixed-size blocks, possibly more than once for the same block.
 */
export type ResponsibilityBlock = (start: number, count: number, out: Float64Array) => void;

/** Rows per block when streaming initial responsibilities. */
export const INIT_BLOCK = 4096;

/**
 * scikit-learn's `_estimate_gaussian_parameters(X, resp, regCovar, type)` for responsibilities
 * given block-wise (never more than {@link INIT_BLOCK}×K of them in memory): a first pass for
 * the means, a second for the covariances about those means. Used to initialise EM.
 */
export function estimateFromResponsibilities(
  X: Matrix,
  resp: ResponsibilityBlock,
  type: CovarianceType,
  K: number,
  regCovar: number,
): GaussianEstimate {
  const { n, d, data } = X;
  const stats = new SufficientStatistics(type, K, d);
  const block = new Float64Array(INIT_BLOCK * K);
  const diff = new Float64Array(K * d);
  const r = new Float64Array(K);
  let means: Float64Array | undefined;
  for (let pass = 0; pass < 2; pass++) {
    stats.reset(means);
    for (let start = 0; start < n; start += INIT_BLOCK) {
      const count = Math.min(INIT_BLOCK, n - start);
      resp(start, count, block);
      for (let i = 0; i < count; i++) {
        const off = (start + i) * d;
        for (let k = 0; k < K; k++) {
          r[k] = block[i * K + k]!;
          for (let j = 0; j < d; j++) diff[k * d + j] = data[off + j]! - stats.centers[k * d + j]!;
        }
        stats.add(diff, r);
      }
    }
    if (pass === 0) means = stats.finalize(0).means;
  }
  return stats.finalize(regCovar);
}
