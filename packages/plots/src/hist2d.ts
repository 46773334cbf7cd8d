/**
 * Two-dimensional histograms, Gaussian smoothing, and the density thresholds that
 * enclose given probability masses (used for "1σ/2σ" contours in corner plots).
 */

/** A 2-D histogram; `counts[iy * nx + ix]` for bin column ix, row iy. */
export interface Histogram2d {
  readonly nx: number;
  readonly ny: number;
  readonly xEdges: Float64Array;
  readonly yEdges: Float64Array;
  readonly counts: Float64Array;
}

/** Options for {@link histogram2d}. */
export interface Histogram2dOptions {
  readonly bins?: number;
  readonly xRange: readonly [number, number];
  readonly yRange: readonly [number, number];
  /** Gaussian smoothing width in bins (default 1; 0 disables). */
  readonly smooth?: number;
}

function edges(lo: number, hi: number, n: number): Float64Array {
  const e = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) e[i] = lo + ((hi - lo) * i) / n;
  return e;
}

/** Separable Gaussian blur of an nx × ny grid with standard deviation `sigma` bins (truncated at 3σ). */
export function gaussianBlur(
  grid: Float64Array,
  nx: number,
  ny: number,
  sigma: number,
): Float64Array {
  if (!(sigma > 0)) return Float64Array.from(grid);
  const r = Math.ceil(3 * sigma);
  const k = new Float64Array(2 * r + 1);
  let sum = 0;
  for (let i = -r; i <= r; i++) sum += k[i + r] = Math.exp(-0.5 * (i / sigma) ** 2);
  for (let i = 0; i < k.length; i++) k[i] /= sum;
  const tmp = new Float64Array(grid.length);
  for (let iy = 0; iy < ny; iy++) {
    for (let ix = 0; ix < nx; ix++) {
      let acc = 0;
      for (let d = -r; d <= r; d++) {
        const j = ix + d;
        if (j >= 0 && j < nx) acc += grid[iy * nx + j] * k[d + r];
      }
      tmp[iy * nx + ix] = acc;
    }
  }
  const out = new Float64Array(grid.length);
  for (let iy = 0; iy < ny; iy++) {
    for (let ix = 0; ix < nx; ix++) {
      let acc = 0;
      for (let d = -r; d <= r; d++) {
        const j = iy + d;
        if (j >= 0 && j < ny) acc += tmp[j * nx + ix] * k[d + r];
      }
      out[iy * nx + ix] = acc;
    }
  }
  return out;
}

/** Histogram of the pairs (xs[i], ys[i]) on a bins × bins grid, optionally smoothed. */
export function histogram2d(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  opts: Histogram2dOptions,
): Histogram2d {
  const n = Math.max(2, Math.floor(opts.bins ?? 30));
  const [x0, x1] = opts.xRange;
  const [y0, y1] = opts.yRange;
  const counts = new Float64Array(n * n);
  const m = Math.min(xs.length, ys.length);
  for (let i = 0; i < m; i++) {
    const u = (xs[i] - x0) / (x1 - x0);
    const v = (ys[i] - y0) / (y1 - y0);
    if (!(u >= 0 && u <= 1 && v >= 0 && v <= 1)) continue;
    const ix = Math.min(n - 1, Math.floor(u * n));
    const iy = Math.min(n - 1, Math.floor(v * n));
    counts[iy * n + ix]++;
  }
  const smoothed = gaussianBlur(counts, n, n, opts.smooth ?? 1);
  return { nx: n, ny: n, xEdges: edges(x0, x1, n), yEdges: edges(y0, y1, n), counts: smoothed };
}

/** Probability masses of the 1σ and 2σ regions of a 2-D Gaussian: 1 − exp(−k²/2), k = 1, 2. */
export const SIGMA_MASSES_2D: readonly number[] = [1 - Math.exp(-0.5), 1 - Math.exp(-2)];

/**
 * For each mass m, the grid value t such that the cells with value ≥ t hold a fraction m
 * of the total (highest-density regions). Returned in the order of `masses`.
 */
export function densityLevels(grid: Float64Array, masses: readonly number[]): number[] {
  const sorted = Float64Array.from(grid).sort().reverse();
  let total = 0;
  for (let i = 0; i < sorted.length; i++) total += sorted[i];
  if (!(total > 0)) return masses.map(() => Number.NaN);
  return masses.map((m) => {
    let cum = 0;
    for (let i = 0; i < sorted.length; i++) {
      cum += sorted[i];
      if (cum >= m * total) return sorted[i];
    }
    return sorted[sorted.length - 1];
  });
}
