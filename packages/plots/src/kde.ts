/**
 * One-dimensional Gaussian kernel density estimation on a regular grid.
 *
 * Bandwidth rules: Scott (1992), "Multivariate Density Estimation", h = 1.06 σ n^(−1/5);
 * Silverman (1986), "Density Estimation for Statistics and Data Analysis", eq. 3.31,
 * h = 0.9 min(σ, IQR/1.34) n^(−1/5).
 */
import { quantileSorted, sortedFinite } from "./quantile.js";

/** Bandwidth rule name or an explicit bandwidth (> 0). */
export type Bandwidth = "scott" | "silverman" | number;

/** Options for {@link gaussianKde}. */
export interface KdeOptions {
  /** Bandwidth rule or value (default `"scott"`). */
  readonly bandwidth?: Bandwidth;
  /** Number of grid points (default 256). */
  readonly gridSize?: number;
  /** Grid extends this many bandwidths beyond the data (default 3). Ignored with `extent`. */
  readonly cut?: number;
  /** Explicit grid range. */
  readonly extent?: readonly [number, number];
}

/** Density evaluated on a grid. */
export interface Kde {
  readonly x: Float64Array;
  readonly density: Float64Array;
  /** Bandwidth used. */
  readonly bandwidth: number;
}

function stdDev(s: Float64Array): number {
  let mean = 0;
  for (let i = 0; i < s.length; i++) mean += s[i];
  mean /= s.length;
  let ss = 0;
  for (let i = 0; i < s.length; i++) ss += (s[i] - mean) ** 2;
  return s.length > 1 ? Math.sqrt(ss / (s.length - 1)) : 0;
}

/** Bandwidth for the (ascending-sorted, finite) samples under a rule; always > 0. */
export function kdeBandwidth(sorted: Float64Array, rule: Bandwidth): number {
  if (typeof rule === "number") {
    if (!(rule > 0) || !Number.isFinite(rule))
      throw new RangeError(`bandwidth must be > 0, got ${rule}`);
    return rule;
  }
  const n = sorted.length;
  const sd = stdDev(sorted);
  const iqr = (quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25)) / 1.34;
  let h: number;
  if (rule === "scott") {
    h = 1.06 * sd * n ** -0.2;
  } else {
    const spread = iqr > 0 ? Math.min(sd, iqr) : sd;
    h = 0.9 * spread * n ** -0.2;
  }
  if (h > 0 && Number.isFinite(h)) return h;
  const scale = n > 0 ? Math.abs(sorted[0]) : 0;
  return scale > 0 ? scale * 1e-3 : 1e-3;
}

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const DIRECT_LIMIT = 4_000_000;

/**
 * Gaussian KDE of the finite entries of `samples` on `gridSize` points. For more than
 * ~4·10⁶ sample×grid evaluations the samples are first linearly binned onto the grid
 * and the kernel (truncated at 5 h) is convolved with the bin weights.
 */
export function gaussianKde(samples: ArrayLike<number>, opts: KdeOptions = {}): Kde {
  const s = sortedFinite(samples);
  const n = s.length;
  if (n === 0) throw new RangeError("gaussianKde: no finite samples");
  const gridSize = Math.max(2, Math.floor(opts.gridSize ?? 256));
  const h = kdeBandwidth(s, opts.bandwidth ?? "scott");
  const cut = opts.cut ?? 3;
  const [lo, hi] = opts.extent ?? [s[0] - cut * h, s[n - 1] + cut * h];
  const dx = (hi - lo) / (gridSize - 1);
  const x = new Float64Array(gridSize);
  for (let k = 0; k < gridSize; k++) x[k] = lo + k * dx;
  const density = new Float64Array(gridSize);
  const norm = INV_SQRT_2PI / (n * h);
  if (n * gridSize <= DIRECT_LIMIT || !(dx > 0)) {
    for (let k = 0; k < gridSize; k++) {
      let acc = 0;
      const xk = x[k];
      for (let i = 0; i < n; i++) {
        const u = (xk - s[i]) / h;
        if (u > -8 && u < 8) acc += Math.exp(-0.5 * u * u);
      }
      density[k] = acc * norm;
    }
    return { x, density, bandwidth: h };
  }
  const w = new Float64Array(gridSize);
  for (let i = 0; i < n; i++) {
    const t = (s[i] - lo) / dx;
    if (t < 0 || t > gridSize - 1) continue;
    const j = Math.min(gridSize - 2, Math.floor(t));
    const f = t - j;
    w[j] += 1 - f;
    w[j + 1] += f;
  }
  const L = Math.min(gridSize - 1, Math.ceil((5 * h) / dx));
  const kernel = new Float64Array(L + 1);
  for (let l = 0; l <= L; l++) kernel[l] = Math.exp(-0.5 * ((l * dx) / h) ** 2);
  for (let k = 0; k < gridSize; k++) {
    let acc = 0;
    const a = Math.max(0, k - L);
    const b = Math.min(gridSize - 1, k + L);
    for (let j = a; j <= b; j++) if (w[j] !== 0) acc += w[j] * kernel[Math.abs(k - j)];
    density[k] = acc * norm;
  }
  return { x, density, bandwidth: h };
}
