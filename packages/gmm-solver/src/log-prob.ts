import type { CovarianceType } from "./covariance.js";
import { logDetPrecisionCholesky } from "./covariance.js";

const LOG_2PI = Math.log(2 * Math.PI);

/** Parameters of a Gaussian mixture in the flat layout of {@link CovarianceType}. */
export interface MixtureParameters {
  readonly covarianceType: CovarianceType;
  readonly nComponents: number;
  readonly nFeatures: number;
  readonly weights: Float64Array;
  readonly means: Float64Array;
  readonly covariances: Float64Array;
  readonly precisionsCholesky: Float64Array;
}

/**
 * Per-row E-step kernel with preallocated buffers. For one row x, {@link row} fills
 * `logp[k] = log πₖ + log N(x | μₖ, Σₖ)` computed as
 * `log πₖ − ½(d log 2π + ‖(x − μₖ)ᵀ Cₖ‖²) + Σ log diag Cₖ` with `Cₖ` the precision Cholesky
 * factor (no inverse, scikit-learn's `_estimate_log_gaussian_prob`), leaves `diff[k·d + j] =
 * xⱼ − μₖⱼ`, and returns `log Σₖ exp(logp[k])` (max-shifted log-sum-exp).
 */
export class RowLogProb {
  readonly logp: Float64Array;
  readonly diff: Float64Array;
  private readonly K: number;
  private readonly d: number;
  private readonly type: CovarianceType;
  private readonly offset: Float64Array;
  private means: Float64Array;
  private pc: Float64Array;
  /** Per covariance block: 1 if upper triangular, 2 if lower triangular, 0 otherwise. */
  private readonly shape: Uint8Array;

  constructor(type: CovarianceType, K: number, d: number) {
    this.type = type;
    this.K = K;
    this.d = d;
    this.logp = new Float64Array(K);
    this.diff = new Float64Array(K * d);
    this.offset = new Float64Array(K);
    this.means = new Float64Array(K * d);
    this.pc = new Float64Array(0);
    this.shape = new Uint8Array(type === "full" ? K : 1);
  }

  /** Loads parameters (weights, means, precision Cholesky factors) for subsequent rows. */
  setParameters(p: MixtureParameters): void {
    const { K, d } = this;
    this.means = p.means;
    this.pc = p.precisionsCholesky;
    const logDet = logDetPrecisionCholesky(p.precisionsCholesky, this.type, K, d);
    for (let k = 0; k < K; k++) {
      this.offset[k] = Math.log(p.weights[k]!) + logDet[k]! - 0.5 * d * LOG_2PI;
    }
    if (this.type === "full" || this.type === "tied") {
      for (let b = 0; b < this.shape.length; b++) {
        let upper = true;
        let lower = true;
        const off = b * d * d;
        for (let i = 0; i < d; i++) {
          for (let j = 0; j < d; j++) {
            if (j > i && this.pc[off + i * d + j] !== 0) lower = false;
            if (j < i && this.pc[off + i * d + j] !== 0) upper = false;
          }
        }
        this.shape[b] = upper ? 1 : lower ? 2 : 0;
      }
    }
  }

  /** Fills `logp` and `diff` for the row at `data[off … off + d)`; returns the log-sum-exp. */
  row(data: Float64Array, off: number): number {
    const { K, logp } = this;
    if (this.type === "full" || this.type === "tied") this.mahaTri(data, off);
    else this.mahaDiag(data, off);
    let max = -Infinity;
    for (let k = 0; k < K; k++) if (logp[k]! > max) max = logp[k]!;
    if (max === -Infinity) return -Infinity;
    let s = 0;
    for (let k = 0; k < K; k++) s += Math.exp(logp[k]! - max);
    return max + Math.log(s);
  }

  /** Full / tied: `logp[k] = offset[k] − ½‖(x − μₖ)ᵀ Cₖ‖²` with Cₖ upper, lower or dense. */
  private mahaTri(data: Float64Array, off: number): void {
    const { K, d, diff, logp, means, pc, offset, shape } = this;
    const tied = this.type === "tied";
    for (let k = 0; k < K; k++) {
      const kd = k * d;
      for (let j = 0; j < d; j++) diff[kd + j] = data[off + j]! - means[kd + j]!;
      const b = tied ? 0 : k;
      const po = b * d * d;
      const s = shape[b];
      let maha = 0;
      for (let j = 0; j < d; j++) {
        // y_j = Σ_l diff_l C[l, j]; C upper → l ≤ j, C lower → l ≥ j.
        const lo = s === 2 ? j : 0;
        const hi = s === 1 ? j + 1 : d;
        let y = 0;
        for (let l = lo; l < hi; l++) y += diff[kd + l]! * pc[po + l * d + j]!;
        maha += y * y;
      }
      logp[k] = offset[k]! - 0.5 * maha;
    }
  }

  /** Diag / spherical: `logp[k] = offset[k] − ½ Σⱼ ((xⱼ − μₖⱼ) pₖⱼ)²`. */
  private mahaDiag(data: Float64Array, off: number): void {
    const { K, d, diff, logp, means, pc, offset } = this;
    const spherical = this.type === "spherical";
    for (let k = 0; k < K; k++) {
      const kd = k * d;
      let maha = 0;
      for (let j = 0; j < d; j++) {
        const t = data[off + j]! - means[kd + j]!;
        diff[kd + j] = t;
        const y = t * pc[spherical ? k : kd + j]!;
        maha += y * y;
      }
      logp[k] = offset[k]! - 0.5 * maha;
    }
  }
}
