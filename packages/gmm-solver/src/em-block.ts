import { type CovarianceType, logDetPrecisionCholesky } from "./covariance.js";
import type { SufficientStatistics } from "./estimate.js";
import type { MixtureParameters } from "./log-prob.js";

const LOG_2PI = Math.log(2 * Math.PI);

/** Rows per block of the blocked EM iteration (all block buffers stay in L1/L2 cache). */
export const EM_BLOCK = 256;

/**
 * One EM pass (E-step + sufficient statistics of the M-step) over blocks of rows, in
 * column-major block buffers so that every inner loop runs over the rows of the block with unit
 * stride, reading the row-major data once per component (the per-row formulation spends most of its time in d- and K-long loop overhead).
 * Per block of B rows and component k:
 * `diffⱼ = xⱼ − μₖⱼ`, `y = diffᵀ Cₖ` (skipping structural zeros of the precision Cholesky factor
 * Cₖ), `log πₖ N(x | μₖ, Σₖ) = log πₖ + log det Cₖ − ½(d log 2π + ‖y‖²)`; per row the
 * max-shifted log-sum-exp ℓ and responsibilities `rₖ = e^{logpₖ − m} / Σₖ' e^{logpₖ' − m}`
 * (m = maxₖ logpₖ; the same value as `exp(logpₖ − ℓ)` up to rounding); then the statistics
 * `Rₖ += Σ r`, `s1ₖ += Σ r·diff`, `S2ₖ += Σ r·diff diffᵀ` about the centres μₖ
 * (see {@link SufficientStatistics}).
 */
export class BlockEmPass {
  private readonly diff: Float64Array;
  private readonly rdiff: Float64Array;
  private readonly logp: Float64Array;
  private readonly y: Float64Array;
  private readonly maha: Float64Array;
  private readonly rowMax: Float64Array;
  private readonly rowSum: Float64Array;
  private readonly offset: Float64Array;

  constructor(
    readonly type: CovarianceType,
    readonly K: number,
    readonly d: number,
  ) {
    const B = EM_BLOCK;
    this.diff = new Float64Array(K * d * B);
    this.rdiff = new Float64Array(d * B);
    this.logp = new Float64Array(K * B);
    this.y = new Float64Array(B);
    this.maha = new Float64Array(B);
    this.rowMax = new Float64Array(B);
    this.rowSum = new Float64Array(B);
    this.offset = new Float64Array(K);
  }

  /**
   * Runs the pass over all n rows of `data` (row-major n×d) for parameters `p`, accumulating
   * into `stats` (which must have been reset with centres `p.means`). Returns `Σᵢ log p(xᵢ)`.
   */
  run(data: Float64Array, n: number, p: MixtureParameters, stats: SufficientStatistics): number {
    const { K, d } = this;
    const logDet = logDetPrecisionCholesky(p.precisionsCholesky, this.type, K, d);
    for (let k = 0; k < K; k++) {
      this.offset[k] = Math.log(p.weights[k]!) + logDet[k]! - 0.5 * d * LOG_2PI;
    }
    let total = 0;
    for (let start = 0; start < n; start += EM_BLOCK) {
      total += this.block(data, start, Math.min(EM_BLOCK, n - start), p, stats);
    }
    return total;
  }

  private block(
    data: Float64Array,
    start: number,
    B: number,
    p: MixtureParameters,
    stats: SufficientStatistics,
  ): number {
    const { K, d, diff, rdiff, logp, y, maha, rowMax, rowSum, offset, type } = this;
    const S = EM_BLOCK;
    const means = p.means;
    const pc = p.precisionsCholesky;
    const tri = type === "full" || type === "tied";
    for (let k = 0; k < K; k++) {
      const dk = k * d * S;
      for (let j = 0; j < d; j++) {
        const mu = means[k * d + j]!;
        const t = dk + j * S;
        const o = start * d + j;
        for (let i = 0; i < B; i++) diff[t + i] = data[o + i * d]! - mu;
      }
      maha.fill(0, 0, B);
      if (tri) {
        const po = type === "full" ? k * d * d : 0;
        for (let j = 0; j < d; j++) {
          y.fill(0, 0, B);
          for (let l = 0; l < d; l++) {
            const c = pc[po + l * d + j]!;
            if (c === 0) continue;
            const t = dk + l * S;
            for (let i = 0; i < B; i++) y[i] += c * diff[t + i]!;
          }
          for (let i = 0; i < B; i++) maha[i] += y[i]! * y[i]!;
        }
      } else {
        for (let j = 0; j < d; j++) {
          const c = type === "diag" ? pc[k * d + j]! : pc[k]!;
          const t = dk + j * S;
          for (let i = 0; i < B; i++) {
            const v = c * diff[t + i]!;
            maha[i] += v * v;
          }
        }
      }
      const off = offset[k]!;
      const lk = k * S;
      for (let i = 0; i < B; i++) logp[lk + i] = off - 0.5 * maha[i]!;
    }
    // Row-wise max-shifted log-sum-exp over components.
    rowMax.fill(Number.NEGATIVE_INFINITY, 0, B);
    for (let k = 0; k < K; k++) {
      const lk = k * S;
      for (let i = 0; i < B; i++) if (logp[lk + i]! > rowMax[i]!) rowMax[i] = logp[lk + i]!;
    }
    rowSum.fill(0, 0, B);
    for (let k = 0; k < K; k++) {
      const lk = k * S;
      for (let i = 0; i < B; i++) {
        const e = Math.exp(logp[lk + i]! - rowMax[i]!);
        logp[lk + i] = e;
        rowSum[i] += e;
      }
    }
    let total = 0;
    for (let i = 0; i < B; i++) {
      total += rowMax[i]! + Math.log(rowSum[i]!);
      rowSum[i] = 1 / rowSum[i]!;
    }
    // Responsibilities (in place of logp) and sufficient statistics.
    const { R, s1, s2 } = stats;
    for (let k = 0; k < K; k++) {
      const lk = k * S;
      let rk = 0;
      for (let i = 0; i < B; i++) {
        const r = logp[lk + i]! * rowSum[i]!;
        logp[lk + i] = r;
        rk += r;
      }
      R[k] += rk;
      const dk = k * d * S;
      for (let j = 0; j < d; j++) {
        const t = dk + j * S;
        const u = j * S;
        let a = 0;
        for (let i = 0; i < B; i++) {
          const v = logp[lk + i]! * diff[t + i]!;
          rdiff[u + i] = v;
          a += v;
        }
        s1[k * d + j] += a;
      }
      if (tri) {
        const ko = k * d * d;
        for (let j = 0; j < d; j++) {
          const u = j * S;
          for (let l = 0; l <= j; l++) s2[ko + j * d + l] += dot(rdiff, u, diff, dk + l * S, B);
        }
      } else {
        for (let j = 0; j < d; j++) {
          s2[k * d + j] += dot(rdiff, j * S, diff, dk + j * S, B);
        }
      }
    }
    return total;
  }
}

/** `Σᵢ a[ia + i]·b[ib + i]` for i < n, with four partial sums (breaks the add-latency chain). */
function dot(a: Float64Array, ia: number, b: Float64Array, ib: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += a[ia + i]! * b[ib + i]!;
    s1 += a[ia + i + 1]! * b[ib + i + 1]!;
    s2 += a[ia + i + 2]! * b[ib + i + 2]!;
    s3 += a[ia + i + 3]! * b[ib + i + 3]!;
  }
  for (; i < n; i++) s0 += a[ia + i]! * b[ib + i]!;
  return s0 + s1 + (s2 + s3);
}
