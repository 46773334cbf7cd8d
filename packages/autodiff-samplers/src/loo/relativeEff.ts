/**
 * Relative efficiency r_eff = ESS / S of each observation's likelihood draws exp(log p(y_i|θ)),
 * as R loo's `relative_eff(exp(ll), chain_id)` (its `ess_rfun`: Geyer's initial positive and
 * monotone sequences on the chains as they are — not split, not rank-normalised — with the
 * autocovariance scaled as loo scales it). It sets PSIS's tail length. The likelihoods are
 * taken relative to their maximum, which leaves every ratio in the estimator unchanged.
 */
import { type LogLikMatrix, observationColumn, sampleVariance } from "./logLik.js";

/** The smallest N' ≥ N whose only prime factors are 2, 3 and 5 (loo's `fft_next_good_size`). */
function nextGoodSize(n: number): number {
  if (n <= 2) return 2;
  for (let size = n; ; size++) {
    let m = size;
    while (m % 2 === 0) m /= 2;
    while (m % 3 === 0) m /= 3;
    while (m % 5 === 0) m /= 5;
    if (m <= 1) return size;
  }
}

/**
 * ESS of draws laid out `x[c·n + t]` (chain c, iteration t) by loo's `ess_rfun`. Lag-t
 * autocovariances are summed directly, only as far as Geyer's sequence reaches.
 */
export function essLoo(x: Float64Array, chains: number, n: number): number {
  const good = nextGoodSize(n);
  // loo's FFT autocovariance is Σ_s y_s y_{s+t} · M / N² (M the padded "good" size)
  const scale = good / (n * n);
  const means = new Float64Array(chains);
  const centred = new Float64Array(chains * n);
  for (let c = 0; c < chains; c++) {
    let m = 0;
    for (let t = 0; t < n; t++) m += x[c * n + t];
    m /= n;
    means[c] = m;
    for (let t = 0; t < n; t++) centred[c * n + t] = x[c * n + t] - m;
  }
  const meanAcov = (lag: number): number => {
    let total = 0;
    for (let c = 0; c < chains; c++) {
      let s = 0;
      const o = c * n;
      for (let t = 0; t + lag < n; t++) s += centred[o + t] * centred[o + t + lag];
      total += s * scale;
    }
    return total / chains;
  };
  const acov0 = meanAcov(0);
  const meanVar = (acov0 * n) / (n - 1);
  let varPlus = (meanVar * (n - 1)) / n;
  if (chains > 1) varPlus += sampleVariance(means);
  const rho = new Float64Array(n);
  let t = 0;
  let rhoEven = 1;
  rho[0] = rhoEven;
  let rhoOdd = 1 - (meanVar - meanAcov(1)) / varPlus;
  rho[1] = rhoOdd;
  while (t < n - 5 && !Number.isNaN(rhoEven + rhoOdd) && rhoEven + rhoOdd > 0) {
    t += 2;
    rhoEven = 1 - (meanVar - meanAcov(t)) / varPlus;
    rhoOdd = 1 - (meanVar - meanAcov(t + 1)) / varPlus;
    if (rhoEven + rhoOdd >= 0) {
      rho[t] = rhoEven;
      rho[t + 1] = rhoOdd;
    }
  }
  const maxT = t;
  if (rhoEven > 0) rho[maxT] = rhoEven;
  t = 0;
  while (t <= maxT - 4) {
    t += 2;
    if (rho[t] + rho[t + 1] > rho[t - 2] + rho[t - 1]) {
      rho[t] = (rho[t - 2] + rho[t - 1]) / 2;
      rho[t + 1] = rho[t];
    }
  }
  const ess = chains * n;
  // R: tau = -1 + 2 Σ rho[1..max_t] + rho[max_t + 1] (1-based), i.e. 0..maxT−1 and maxT
  // (with max_t = 0, R's rho_hat_t[1:0] is rho_hat_t[1])
  let sum = maxT === 0 ? rho[0] : 0;
  for (let j = 0; j < maxT; j++) sum += rho[j];
  const tau = Math.max(-1 + 2 * sum + rho[maxT], 1 / Math.log10(ess));
  return ess / tau;
}

/** r_eff of every observation (see the module doc). */
export function relativeEff(m: LogLikMatrix): Float64Array {
  const [chains, draws, n] = m.shape;
  const s = chains * draws;
  const out = new Float64Array(n);
  const col = new Float64Array(s);
  for (let i = 0; i < n; i++) {
    observationColumn(m, i, col);
    let max = Number.NEGATIVE_INFINITY;
    for (const v of col) if (v > max) max = v;
    for (let j = 0; j < s; j++) col[j] = Math.exp(col[j] - max);
    out[i] = essLoo(col, chains, draws) / s;
  }
  return out;
}
