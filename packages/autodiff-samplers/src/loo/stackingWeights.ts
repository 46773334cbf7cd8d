/**
 * Model weights from pointwise elpd (Yao, Vehtari, Simpson & Gelman 2018, Bayesian Analysis
 * 13(3)):
 *
 * - stacking: the w on the simplex maximising Σ_i log Σ_k w_k exp(elpd_i,k) — the mixture of
 *   the models' LOO predictive densities that predicts best. The objective is concave; it is
 *   maximised by the EM fixed point w_k ← mean_i( w_k p_ik / Σ_j w_j p_ij ), which increases
 *   it at every step and keeps w on the simplex (R loo uses constrOptim, ArviZ SLSQP: the
 *   same maximiser, reached by another route).
 * - pseudo-BMA: w_k ∝ exp(elpd_k) (Akaike-type weights, no Bayesian bootstrap).
 */

/** Stacking weights of `elpdI[k][i]` (model k, observation i). */
export function stackingWeights(elpdI: readonly Float64Array[]): Float64Array {
  const kModels = elpdI.length;
  const n = elpdI[0].length;
  // p_ik / max_k p_ik: a constant per observation does not move the maximiser
  const p = new Float64Array(n * kModels);
  for (let i = 0; i < n; i++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < kModels; k++) max = Math.max(max, elpdI[k][i]);
    for (let k = 0; k < kModels; k++) p[i * kModels + k] = Math.exp(elpdI[k][i] - max);
  }
  let w = new Float64Array(kModels).fill(1 / kModels);
  const next = new Float64Array(kModels);
  for (let iter = 0; iter < 100_000; iter++) {
    next.fill(0);
    for (let i = 0; i < n; i++) {
      let mix = 0;
      for (let k = 0; k < kModels; k++) mix += w[k] * p[i * kModels + k];
      for (let k = 0; k < kModels; k++) next[k] += (w[k] * p[i * kModels + k]) / mix / n;
    }
    let change = 0;
    for (let k = 0; k < kModels; k++) change = Math.max(change, Math.abs(next[k] - w[k]));
    w = Float64Array.from(next);
    if (change < 1e-13) break;
  }
  return w;
}

/** Pseudo-BMA weights exp(elpd_k − max) / Σ. */
export function pseudoBmaWeights(elpd: readonly number[]): Float64Array {
  const max = Math.max(...elpd);
  const u = elpd.map((e) => Math.exp(e - max));
  const total = u.reduce((a, b) => a + b, 0);
  return Float64Array.from(u, (v) => v / total);
}
