/**
 * Generalized Pareto fit of a PSIS tail: the empirical-Bayes estimate of Zhang & Stephens
 * (2009, Technometrics 51(3), §4) with the weakly informative prior of Vehtari, Simpson,
 * Gelman, Yao & Gabry (2024, JMLR 25(72), "Pareto smoothed importance sampling", appendix):
 * k̂ is pulled towards 0.5 as if by 10 pseudo-observations. The grid, prior constant (3) and
 * grid size (30 + ⌊√N⌋) are those of R's loo (`gpdfit`) and ArviZ (`_gpdfit`).
 */

/** Fits a GPD with location 0 to the exceedances `x` (sorted ascending, all ≥ 0). */
export function gpdFit(x: Float64Array): { k: number; sigma: number } {
  const n = x.length;
  const prior = 3;
  const m = 30 + Math.floor(Math.sqrt(n));
  const xStar = x[Math.floor(n / 4 + 0.5) - 1]; // first quartile (R's 1-based index)
  const theta = new Float64Array(m);
  const lTheta = new Float64Array(m);
  let lMax = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < m; j++) {
    theta[j] = 1 / x[n - 1] + (1 - Math.sqrt(m / (j + 1 - 0.5))) / prior / xStar;
    // profile log-likelihood N (log(−θ/k) − k − 1) with k = mean log1p(−θ x)
    let k = 0;
    for (let i = 0; i < n; i++) k += Math.log1p(-theta[j] * x[i]);
    k /= n;
    lTheta[j] = n * (Math.log(-theta[j] / k) - k - 1);
    if (lTheta[j] > lMax) lMax = lTheta[j];
  }
  let norm = 0;
  for (let j = 0; j < m; j++) norm += Math.exp(lTheta[j] - lMax);
  const logNorm = lMax + Math.log(norm);
  let thetaHat = 0;
  for (let j = 0; j < m; j++) thetaHat += theta[j] * Math.exp(lTheta[j] - logNorm);
  let k = 0;
  for (let i = 0; i < n; i++) k += Math.log1p(-thetaHat * x[i]);
  k /= n;
  const sigma = -k / thetaHat;
  // the weakly informative prior: k·N/(N + a) + a·0.5/(N + a), a = 10
  const a = 10;
  k = (k * n) / (n + a) + (a * 0.5) / (n + a);
  return { k: Number.isNaN(k) ? Number.POSITIVE_INFINITY : k, sigma };
}

/** Quantile function of the GPD(0, σ, k): σ (exp(−k log(1 − p)) − 1) / k. */
export function gpdQuantile(p: number, k: number, sigma: number): number {
  if (Number.isNaN(sigma) || sigma <= 0) return Number.NaN;
  return (sigma * Math.expm1(-k * Math.log1p(-p))) / k;
}
