import { essBulk, essSd } from "../../src/diagnostics/index.js";
import type { Potential } from "../../src/mcmc/index.js";

/** Column `j` of row-major draws `[n × d]`. */
export function column(draws: Float64Array, d: number, j: number): Float64Array {
  const n = draws.length / d;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = draws[i * d + j];
  return out;
}

export function mean(x: Float64Array): number {
  let s = 0;
  for (const v of x) s += v;
  return s / x.length;
}

export function variance(x: Float64Array): number {
  const m = mean(x);
  let s = 0;
  for (const v of x) s += (v - m) ** 2;
  return s / (x.length - 1);
}

export function covariance(x: Float64Array, y: Float64Array): number {
  const mx = mean(x);
  const my = mean(y);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] - mx) * (y[i] - my);
  return s / (x.length - 1);
}

/**
 * z-scores of the sample mean and variance of one chain against true values:
 * mean MCSE = sd/√ESS_bulk; variance MCSE ≈ σ²·√(2/ESS_sd) (normal fourth moment).
 */
export function zScores(
  x: Float64Array,
  trueMean: number,
  trueVar: number,
): { zMean: number; zVar: number; ess: number } {
  const ess = essBulk([x]);
  const essVar = essSd([x]);
  const m = mean(x);
  const v = variance(x);
  return {
    zMean: (m - trueMean) / Math.sqrt(v / ess),
    zVar: (v - trueVar) / (trueVar * Math.sqrt(2 / essVar)),
    ess,
  };
}

/** `U(q) = ½ Σ (q_i − μ_i)² / σ_i²` (independent Gaussian). */
export function diagGaussian(scales: ArrayLike<number>, means?: ArrayLike<number>): Potential {
  const d = scales.length;
  const prec = new Float64Array(d);
  for (let i = 0; i < d; i++) prec[i] = 1 / (scales[i] * scales[i]);
  const mu = new Float64Array(d);
  if (means) for (let i = 0; i < d; i++) mu[i] = means[i];
  return (q, g) => {
    let u = 0;
    for (let i = 0; i < d; i++) {
      const r = q[i] - mu[i];
      g[i] = prec[i] * r;
      u += 0.5 * prec[i] * r * r;
    }
    return u;
  };
}

/** `U(q) = ½ (q − μ)ᵀ P (q − μ)` for a row-major precision `P`. */
export function denseGaussian(precision: ArrayLike<number>, means: ArrayLike<number>): Potential {
  const d = means.length;
  const r = new Float64Array(d);
  return (q, g) => {
    for (let i = 0; i < d; i++) r[i] = q[i] - means[i];
    let u = 0;
    for (let i = 0; i < d; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += precision[i * d + j] * r[j];
      g[i] = s;
      u += 0.5 * r[i] * s;
    }
    return u;
  };
}
