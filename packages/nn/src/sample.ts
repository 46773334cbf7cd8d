/**
 * Posterior sampling and parameter estimates (spec §4.2): x repeated n times through the
 * forward pass in eval mode (samples in normalised space, not truncated); with observation
 * uncertainties each copy's maggies are drawn from N(maggies, σ) first. Estimates per
 * dimension: the median, and the mode as the centre of the fullest of 1000 bins on [0, 1];
 * both denormalised with the hypercube's limits (10^ for log columns).
 */
import { denormaliseTheta, type FreeParams, THETA_COLUMNS } from "@sidereal/photometry";
import type { Tf } from "./backend.js";
import { type TransformStats, transformPhotometry } from "./data.js";
import type { SanHyperParameters } from "./model-files.js";
import { mulberry32 } from "./rng.js";
import { type San, sanForward } from "./san.js";

/** Rows per forward pass when sampling (bounded memory). */
export const SAMPLE_CHUNK_ROWS = 10_000;

/**
 * S samples for each of G transformed rows `x` (G, F) → (G, S, D): rows are tiled and
 * stacked so one forward pass serves several galaxies (about `chunk` rows per pass).
 */
export function sampleEach(
  t: Tf,
  m: San,
  x: Float32Array,
  S: number,
  seed: number,
  chunk = SAMPLE_CHUNK_ROWS,
): Float32Array {
  const F = m.shape.condDim;
  const G = x.length / F;
  const tiled = new Float32Array(G * S * F);
  for (let g = 0; g < G; g++)
    for (let i = 0; i < S; i++) tiled.set(x.subarray(g * F, (g + 1) * F), (g * S + i) * F);
  // Whole galaxies per pass when S fits in a chunk, else chunks within a galaxy.
  return sampleRows(t, m, tiled, G * S, seed, S >= chunk ? chunk : Math.floor(chunk / S) * S);
}

/**
 * n samples (n, D) for one transformed input row `x` (length F), normalised space (`sampleEach`
 * with G = 1). Call with the backend acquired; every tensor is released before returning.
 */
export const sampleRow = (t: Tf, m: San, x: Float32Array, n: number, seed: number): Float32Array =>
  sampleEach(t, m, x, n, seed);

/** Samples for inputs that differ per copy (rows (n, F) already transformed). */
export function sampleRows(
  t: Tf,
  m: San,
  x: Float32Array,
  n: number,
  seed: number,
  chunk = SAMPLE_CHUNK_ROWS,
): Float32Array {
  const F = m.shape.condDim;
  const D = m.shape.dataDim;
  const out = new Float32Array(n * D);
  for (let s = 0; s < n; s += chunk) {
    const b = Math.min(chunk, n - s);
    const values = t.tidy(() =>
      sanForward(
        t,
        m,
        t.tensor2d(x.subarray(s * F, (s + b) * F), [b, F]),
        undefined,
        false,
        seed + s,
      ).samples.dataSync(),
    );
    out.set(values as Float32Array, s * D);
  }
  return out;
}

/** Standard normal from two uniforms (Box–Muller). */
const normal = (rng: () => number) =>
  Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());

/**
 * Posterior samples (n, D) for one galaxy's maggies; with `sigma` (maggie uncertainties)
 * each copy is drawn from N(maggies, σ) (a non-positive draw is clamped to 1e-3 σ).
 */
export function samplePosterior(
  t: Tf,
  m: San,
  stats: TransformStats,
  maggies: ArrayLike<number>,
  n: number,
  seed: number,
  sigma?: ArrayLike<number>,
): Float32Array {
  const F = maggies.length;
  if (sigma === undefined)
    return sampleRow(t, m, transformPhotometry(stats, Float64Array.from(maggies), F), n, seed);
  const rng = mulberry32(seed ^ 0x9e3779b9);
  const noisy = new Float64Array(n * F);
  for (let i = 0; i < n; i++)
    for (let f = 0; f < F; f++) {
      const v = maggies[f] + sigma[f] * normal(rng);
      noisy[i * F + f] = v > 0 ? v : 1e-3 * sigma[f];
    }
  return sampleRows(t, m, transformPhotometry(stats, noisy, F), n, seed);
}

/** Column j of an (n, D) array, sorted ascending. */
export function sortedColumn(samples: ArrayLike<number>, D: number, j: number): Float64Array {
  const n = samples.length / D;
  const col = new Float64Array(n);
  for (let i = 0; i < n; i++) col[i] = samples[i * D + j];
  return col.sort();
}

/** Linear-interpolated quantile of sorted values (numpy's default "linear"). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Mode: centre of the fullest of `bins` equal bins on [0, 1] (values outside are ignored). */
export function histogramMode(values: ArrayLike<number>, bins = 1000): number {
  const counts = new Uint32Array(bins);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v >= 0 && v <= 1) counts[Math.min(bins - 1, Math.floor(v * bins))]++;
  }
  let best = 0;
  for (let b = 1; b < bins; b++) if (counts[b] > counts[best]) best = b;
  return (best + 0.5) / bins;
}

export interface Estimates {
  /** Normalised medians and modes, (D,). */
  readonly median: Float64Array;
  readonly mode: Float64Array;
}

/** Median and histogram mode per dimension of (n, D) normalised samples. */
export function estimates(samples: ArrayLike<number>, D: number): Estimates {
  const median = new Float64Array(D);
  const mode = new Float64Array(D);
  for (let j = 0; j < D; j++) {
    const col = sortedColumn(samples, D, j);
    median[j] = quantileSorted(col, 0.5);
    mode[j] = histogramMode(col);
  }
  return { median, mode };
}

/** The hypercube of a saved model, as photometry's FreeParams (for `denormaliseTheta`). */
export const modelFreeParams = (hp: SanHyperParameters): FreeParams => ({
  columns: [...hp.columns] as FreeParams["columns"],
  thetaColumns: [...THETA_COLUMNS] as unknown as FreeParams["thetaColumns"],
  log: [...hp.log],
  limits: Float64Array.from(hp.ranges),
});

/** Normalised values (rows of D) → physical θ. */
export const denormalise = (hp: SanHyperParameters, unit: Float64Array): Float64Array =>
  denormaliseTheta(modelFreeParams(hp), unit);
