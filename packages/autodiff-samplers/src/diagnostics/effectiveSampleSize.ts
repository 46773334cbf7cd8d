import { autocovariance } from "./autocorrelation.js";
import type { ChainMatrix } from "./draws.js";

/** NumPy's `finfo(float64).resolution`: spread below which draws count as constant. */
const RESOLUTION = 1e-15;

/**
 * Multi-chain effective sample size of the draws *as given* (no splitting or
 * transformation): Stan Reference Manual "Effective sample size" and Vehtari
 * et al. (2021, Sec. 3.2), with
 *
 * - ρ̂_t = 1 − (W − mean_j γ̂_{j,t}) / var⁺, W = mean_j γ̂_{j,0} · n/(n−1),
 *   var⁺ = W(n−1)/n + Var(chain means) (the last term only for > 1 chain);
 * - Geyer's (1992) initial positive sequence on pairs (ρ̂_{2k}, ρ̂_{2k+1}),
 *   truncated at the first negative pair sum (loop bounds as ArviZ);
 * - Geyer's initial monotone sequence applied to the kept pairs;
 * - τ̂ = −1 + 2 Σ_{t ≤ T} ρ̂_t + ρ̂_{T+1}, floored at 1/log10(S), ESS = S/τ̂.
 *
 * NaN anywhere gives NaN. Values spanning less than 1e-15 (e.g. an indicator
 * that is always true) give S, ArviZ's convention for this inner estimator;
 * the public estimators catch constant *input* earlier and return NaN.
 */
export function effectiveSampleSize(matrix: ChainMatrix): number {
  const { data, nChains: m, nDraws: n } = matrix;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (Number.isNaN(v)) return Number.NaN;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const total = m * n;
  if (max - min < RESOLUTION) return total;

  // mean over chains of the autocovariance at every lag, and chain means
  const meanAcov = new Float64Array(n);
  const chainMeans = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const chain = data.subarray(j * n, (j + 1) * n);
    const acov = autocovariance(chain);
    for (let t = 0; t < n; t++) meanAcov[t] += acov[t];
    let s = 0;
    for (let i = 0; i < n; i++) s += chain[i];
    chainMeans[j] = s / n;
  }
  for (let t = 0; t < n; t++) meanAcov[t] /= m;

  const meanVar = (meanAcov[0] * n) / (n - 1);
  let varPlus = (meanVar * (n - 1)) / n;
  if (m > 1) {
    let mu = 0;
    for (let j = 0; j < m; j++) mu += chainMeans[j];
    mu /= m;
    let ss = 0;
    for (let j = 0; j < m; j++) ss += (chainMeans[j] - mu) ** 2;
    varPlus += ss / (m - 1);
  }
  const rhoAt = (t: number): number => 1 - (meanVar - meanAcov[t]) / varPlus;

  const rho = new Float64Array(n);
  let rhoEven = 1;
  let rhoOdd = rhoAt(1);
  rho[0] = rhoEven;
  rho[1] = rhoOdd;

  // Geyer's initial positive sequence
  let t = 1;
  while (t < n - 3 && rhoEven + rhoOdd > 0) {
    rhoEven = rhoAt(t + 1);
    rhoOdd = rhoAt(t + 2);
    if (rhoEven + rhoOdd >= 0) {
      rho[t + 1] = rhoEven;
      rho[t + 2] = rhoOdd;
    }
    t += 2;
  }
  const maxT = t - 2;
  if (rhoEven > 0) rho[maxT + 1] = rhoEven;

  // Geyer's initial monotone sequence
  t = 1;
  while (t <= maxT - 2) {
    if (rho[t + 1] + rho[t + 2] > rho[t - 1] + rho[t]) {
      rho[t + 1] = (rho[t - 1] + rho[t]) / 2;
      rho[t + 2] = rho[t + 1];
    }
    t += 2;
  }

  let tau = -1;
  for (let k = 0; k <= maxT; k++) tau += 2 * rho[k];
  tau += rho[maxT + 1];
  tau = Math.max(tau, 1 / Math.log10(total));
  for (let k = 0; k < n; k++) if (Number.isNaN(rho[k])) return Number.NaN;
  return total / tau;
}
