import { componentCovariance } from "./covariance.js";
import { GmmError } from "./errors.js";
import { choleskyLower } from "./linalg.js";
import { flatten, type GaussianMixtureModel, type NumericArray } from "./model.js";
import type { Seed } from "./seed.js";

interface Factored {
  readonly mu: Float64Array;
  readonly L: Float64Array;
  readonly logDet: number;
}

function factor(mu: Float64Array, cov: Float64Array, d: number, name: string): Factored {
  for (let i = 0; i < cov.length; i++) {
    if (!Number.isFinite(cov[i]!)) throw new GmmError("nonFinite", `${name}: not finite`, name);
  }
  const L = choleskyLower(cov, d);
  if (L === null) {
    throw new GmmError(
      "illDefinedCovariance",
      `${name}: covariance is not positive definite`,
      name,
    );
  }
  let logDet = 0;
  for (let i = 0; i < d; i++) logDet += 2 * Math.log(L[i * d + i]!);
  return { mu, L, logDet };
}

/** Forward substitution `L y = b` in place on `b` (L lower, row-major d×d). */
function forward(L: Float64Array, b: Float64Array, d: number, stride = 1, off = 0): void {
  for (let i = 0; i < d; i++) {
    let s = b[off + i * stride]!;
    for (let k = 0; k < i; k++) s -= L[i * d + k]! * b[off + k * stride]!;
    b[off + i * stride] = s / L[i * d + i]!;
  }
}

/** KL(N0 ‖ N1) from Cholesky factors. */
function klFactored(a: Factored, b: Factored, d: number): number {
  // tr(Σ1⁻¹ Σ0) = ‖L1⁻¹ L0‖²_F, solved column by column.
  const A = a.L.slice();
  for (let c = 0; c < d; c++) forward(b.L, A, d, d, c);
  let tr = 0;
  for (let i = 0; i < d * d; i++) tr += A[i]! * A[i]!;
  const diff = new Float64Array(d);
  for (let i = 0; i < d; i++) diff[i] = b.mu[i]! - a.mu[i]!;
  forward(b.L, diff, d);
  let maha = 0;
  for (let i = 0; i < d; i++) maha += diff[i]! * diff[i]!;
  return 0.5 * (tr + maha - d + b.logDet - a.logDet);
}

/**
 * Closed-form Kullback–Leibler divergence between two multivariate normals,
 * `KL(N(μ0, Σ0) ‖ N(μ1, Σ1)) = ½ [tr(Σ1⁻¹Σ0) + (μ1 − μ0)ᵀ Σ1⁻¹ (μ1 − μ0) − d + ln det Σ1 − ln det Σ0]`,
 * evaluated with Cholesky factors (no inverse). Means have length d; covariances are d×d
 * (nested rows or flat row-major). Throws `GmmError`: `"dimensionMismatch"` (sizes),
 * `"nonFinite"`, `"illDefinedCovariance"` (a covariance not positive definite).
 */
export function klGaussian(
  mu0: NumericArray,
  cov0: NumericArray,
  mu1: NumericArray,
  cov1: NumericArray,
): number {
  const m0 = flatten(mu0, "mu0");
  const m1 = flatten(mu1, "mu1");
  const d = m0.length;
  if (d < 1 || m1.length !== d) {
    throw new GmmError("dimensionMismatch", `mu0, mu1: lengths ${d} and ${m1.length}`, "mu1");
  }
  for (const [v, name] of [
    [m0, "mu0"],
    [m1, "mu1"],
  ] as const) {
    for (let i = 0; i < d; i++) {
      if (!Number.isFinite(v[i]!)) throw new GmmError("nonFinite", `${name}: not finite`, name);
    }
  }
  const c0 = flatten(cov0, "cov0");
  const c1 = flatten(cov1, "cov1");
  if (c0.length !== d * d || c1.length !== d * d) {
    throw new GmmError("dimensionMismatch", `cov0, cov1 must be ${d}×${d}`, "cov0");
  }
  return klFactored(factor(m0, c0, d, "cov0"), factor(m1, c1, d, "cov1"), d);
}

function components(p: GaussianMixtureModel, name: string): Factored[] {
  const d = p.nFeatures;
  const out: Factored[] = [];
  for (let k = 0; k < p.nComponents; k++) {
    out.push(
      factor(
        p.means.slice(k * d, (k + 1) * d),
        componentCovariance(p.covariances, p.covarianceType, k, d),
        d,
        name,
      ),
    );
  }
  return out;
}

function checkSameDim(p: GaussianMixtureModel, q: GaussianMixtureModel): void {
  if (p.nFeatures !== q.nFeatures) {
    throw new GmmError(
      "dimensionMismatch",
      `mixtures have ${p.nFeatures} and ${q.nFeatures} features`,
      "q",
    );
  }
}

function logSumExp(v: Float64Array): number {
  let m = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < v.length; i++) if (v[i]! > m) m = v[i]!;
  if (m === Number.NEGATIVE_INFINITY) return m;
  let s = 0;
  for (let i = 0; i < v.length; i++) s += Math.exp(v[i]! - m);
  return m + Math.log(s);
}

/**
 * Variational approximation to KL(p ‖ q) between Gaussian mixtures (Hershey & Olsen 2007,
 * "Approximating the Kullback Leibler divergence between Gaussian mixture models", eq. 18):
 * `D_var = Σₐ πₐ log( Σ_α π_α e^{−KL(pₐ‖p_α)} / Σ_b ω_b e^{−KL(pₐ‖q_b)} )`, with closed-form
 * Gaussian KLs. Exact when both are single Gaussians; 0 when p = q; not guaranteed ≥ 0.
 * Throws `GmmError` (`"dimensionMismatch"`) when p and q have different dimensions.
 */
export function klMixtureVariational(p: GaussianMixtureModel, q: GaussianMixtureModel): number {
  checkSameDim(p, q);
  const d = p.nFeatures;
  const P = components(p, "p");
  const Q = components(q, "q");
  const num = new Float64Array(P.length);
  const den = new Float64Array(Q.length);
  let total = 0;
  for (let a = 0; a < P.length; a++) {
    const wa = p.weights[a]!;
    if (wa === 0) continue;
    for (let b = 0; b < P.length; b++) {
      num[b] = Math.log(p.weights[b]!) - (a === b ? 0 : klFactored(P[a]!, P[b]!, d));
    }
    for (let b = 0; b < Q.length; b++) {
      den[b] = Math.log(q.weights[b]!) - klFactored(P[a]!, Q[b]!, d);
    }
    total += wa * (logSumExp(num) - logSumExp(den));
  }
  return total;
}

/**
 * Monte-Carlo estimate of KL(p ‖ q) = E_p[log p(x) − log q(x)] from `nSamples` draws of p
 * (Hershey & Olsen 2007, §3): `(1/N) Σᵢ [log p(xᵢ) − log q(xᵢ)]`, xᵢ ~ p via
 * `p.sample(seed, nSamples)`. Unbiased; standard error O(N^{-1/2}). Throws `GmmError`:
 * `"dimensionMismatch"` (different dimensions), `"option"` (nSamples not an integer ≥ 1).
 */
export function klMixtureMonteCarlo(
  p: GaussianMixtureModel,
  q: GaussianMixtureModel,
  seed: Seed,
  nSamples: number,
): number {
  checkSameDim(p, q);
  if (!Number.isInteger(nSamples) || nSamples < 1) {
    throw new GmmError("option", `nSamples must be an integer ≥ 1, got ${nSamples}`, "nSamples");
  }
  const { X } = p.sample(seed, nSamples);
  const lp = p.scoreSamples(X);
  const lq = q.scoreSamples(X);
  let s = 0;
  for (let i = 0; i < nSamples; i++) s += lp[i]! - lq[i]!;
  return s / nSamples;
}
