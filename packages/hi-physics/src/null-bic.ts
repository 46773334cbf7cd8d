/**
 * bayes_spec's `null_bic` (spec §3.3): the BIC of "no clouds" — per dataset a least-squares
 * polynomial of the baseline degree fitted to (spectral, brightness), the Gaussian
 * log-likelihood of its residuals, k = n_datasets · (degree + 1) and n = all channels.
 * The fit uses the normalised axis (as numpy's Polynomial.fit, the same curve).
 */
import type { SpecData } from "./spec-data.js";

/** Least-squares polynomial values at the data (normal equations on x_norm ∈ [−1, 1]). */
export function polynomialFit(x: Float64Array, y: Float64Array, degree: number): Float64Array {
  const d = degree + 1;
  const a = new Float64Array(d * d);
  const b = new Float64Array(d);
  for (let s = 0; s < x.length; s++) {
    const pows = Array.from({ length: d }, (_, i) => x[s] ** i);
    for (let i = 0; i < d; i++) {
      b[i] += pows[i] * y[s];
      for (let j = 0; j < d; j++) a[i * d + j] += pows[i] * pows[j];
    }
  }
  // Gaussian elimination with partial pivoting (d is tiny).
  for (let col = 0; col < d; col++) {
    let piv = col;
    for (let r = col + 1; r < d; r++)
      if (Math.abs(a[r * d + col]) > Math.abs(a[piv * d + col])) piv = r;
    for (let k = 0; k < d; k++) [a[col * d + k], a[piv * d + k]] = [a[piv * d + k], a[col * d + k]];
    [b[col], b[piv]] = [b[piv], b[col]];
    for (let r = col + 1; r < d; r++) {
      const f = a[r * d + col] / a[col * d + col];
      for (let k = col; k < d; k++) a[r * d + k] -= f * a[col * d + k];
      b[r] -= f * b[col];
    }
  }
  const c = new Float64Array(d);
  for (let i = d - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < d; k++) s -= a[i * d + k] * c[k];
    c[i] = s / a[i * d + i];
  }
  return x.map((xi) => c.reduce((acc, ci, i) => acc + ci * xi ** i, 0));
}

/** The null-model BIC of `datasets` with baselines of degree `degree`. */
export function nullBic(datasets: readonly SpecData[], degree: number): number {
  let lnL = 0;
  let n = 0;
  for (const spec of datasets) {
    const fit = polynomialFit(spec.spectralNorm, spec.brightness, degree);
    for (let i = 0; i < fit.length; i++) {
      const z = (spec.brightness[i] - fit[i]) / spec.noise[i];
      lnL += -0.5 * Math.log(2 * Math.PI * spec.noise[i] ** 2) - 0.5 * z * z;
    }
    n += spec.spectral.length;
  }
  const k = datasets.length * (degree + 1);
  return k * Math.log(n) - 2 * lnL;
}
