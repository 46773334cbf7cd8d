/**
 * Fixed log-likelihood matrices for the loo/waic/compare reference tests, generated from the
 * Threefry PRNG of @sidereal/distributions (so every machine builds the same numbers). Each
 * is a Gaussian model's pointwise log-likelihood log N(y_i | μ_s, σ_s) over posterior-like
 * draws, with outliers (high Pareto k) or autocorrelated chains (r_eff < 1) where noted.
 */
import { key, normal, split } from "@sidereal/distributions";
import type { LogLikMatrix } from "../../src/index.js";

export interface LooCase extends LogLikMatrix {
  readonly name: string;
  /** What the R reference passes as r_eff: 1 (independent draws) or loo's relative_eff. */
  readonly rEff: "one" | "relative_eff";
}

const LOG_2PI = Math.log(2 * Math.PI);

function gaussianLogLik(
  y: readonly number[],
  mu: Float64Array,
  sigma: Float64Array,
  chains: number,
): LogLikMatrix {
  const s = mu.length;
  const n = y.length;
  const data = new Float64Array(s * n);
  for (let j = 0; j < s; j++)
    for (let i = 0; i < n; i++) {
      const z = (y[i] - mu[j]) / sigma[j];
      data[j * n + i] = -0.5 * LOG_2PI - Math.log(sigma[j]) - 0.5 * z * z;
    }
  return { shape: [chains, s / chains, n], data };
}

/** Observations: standard normal draws, the last few replaced by outliers. */
function observations(seed: number, n: number, outliers: readonly number[]): number[] {
  const y = Array.from(normal(key(seed), [n]));
  outliers.forEach((v, j) => {
    y[n - 1 - j] = v;
  });
  return y;
}

/** Independent posterior-like draws of (μ, σ) for data y: μ ~ N(ȳ, s/√n), log σ ~ N(log s, 1/√(2n)). */
function iidDraws(seed: number, y: readonly number[], s: number, sigmaScale = 1) {
  const n = y.length;
  const mean = y.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(y.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) * sigmaScale;
  const [k1, k2] = split(key(seed));
  const z1 = normal(k1, [s]);
  const z2 = normal(k2, [s]);
  const mu = Float64Array.from(z1, (z) => mean + (sd / Math.sqrt(n)) * z);
  const sigma = Float64Array.from(z2, (z) => sd * Math.exp(z / Math.sqrt(2 * n)));
  return { mu, sigma };
}

/** AR(1) chains (coefficient ρ) of the same posterior: autocorrelated draws, r_eff < 1. */
function arDraws(seed: number, y: readonly number[], chains: number, draws: number, rho: number) {
  const iid = iidDraws(seed, y, chains * draws);
  const n = y.length;
  const mean = y.reduce((a, b) => a + b, 0) / n;
  const mu = new Float64Array(chains * draws);
  const sigma = new Float64Array(chains * draws);
  const c = Math.sqrt(1 - rho * rho);
  for (let ch = 0; ch < chains; ch++) {
    let a = 0;
    let b = 0;
    for (let d = 0; d < draws; d++) {
      const j = ch * draws + d;
      const sd = iid.sigma[0];
      // innovations: the iid draws' standardised deviations
      const e1 = (iid.mu[j] - mean) / (sd / Math.sqrt(n));
      const e2 = Math.log(iid.sigma[j] / sd) * Math.sqrt(2 * n);
      a = d === 0 ? e1 : rho * a + c * e1;
      b = d === 0 ? e2 : rho * b + c * e2;
      mu[j] = mean + (sd / Math.sqrt(n)) * a;
      sigma[j] = sd * Math.exp(b / Math.sqrt(2 * n));
    }
  }
  return { mu, sigma };
}

/** The cases (see the module doc). */
export function looCases(): LooCase[] {
  const yA = observations(1, 40, [5.5]);
  const a = iidDraws(11, yA, 1000);
  const yB = observations(2, 12, [9, -7, 6]);
  const b = iidDraws(12, yB, 400, 0.35); // too narrow a posterior: the outliers get k̂ > 0.7
  const yC = observations(3, 25, [4]);
  const c = arDraws(13, yC, 4, 250, 0.8);
  const yD = observations(4, 3, []);
  const d = iidDraws(14, yD, 20);
  const wide = iidDraws(15, yA, 1000, 1.6); // a worse model of the same data (compare)
  return [
    { name: "normal_1chain", rEff: "one", ...gaussianLogLik(yA, a.mu, a.sigma, 1) },
    { name: "wide_1chain", rEff: "one", ...gaussianLogLik(yA, wide.mu, wide.sigma, 1) },
    { name: "bad_k_1chain", rEff: "one", ...gaussianLogLik(yB, b.mu, b.sigma, 1) },
    { name: "ar_4chains", rEff: "relative_eff", ...gaussianLogLik(yC, c.mu, c.sigma, 4) },
    { name: "short_tail", rEff: "one", ...gaussianLogLik(yD, d.mu, d.sigma, 1) },
  ];
}

/** Groups of cases on the same data that the reference compares. */
export const COMPARE_GROUPS: readonly (readonly string[])[] = [["normal_1chain", "wide_1chain"]];
