/** One-dimensional histogram binning. */

/** Options for {@link histogram}. */
export interface HistogramOptions {
  /** Number of equal-width bins (default 30). */
  readonly bins?: number;
  /** Binning range; default the finite extent of the data. Values outside are ignored. */
  readonly range?: readonly [number, number];
  /** Normalise so the histogram integrates to 1 (default false: raw counts). */
  readonly density?: boolean;
}

/** Bin edges (`bins + 1`) and per-bin counts or densities. */
export interface Histogram {
  readonly edges: Float64Array;
  readonly counts: Float64Array;
}

/** Finite extent `[min, max]` of `values`, or `undefined` when there is no finite value. */
export function finiteExtent(values: ArrayLike<number>): [number, number] | undefined {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return Number.isFinite(lo) && Number.isFinite(hi) ? [lo, hi] : undefined;
}

/** Equal-width histogram; the last bin includes its right edge. */
export function histogram(values: ArrayLike<number>, opts: HistogramOptions = {}): Histogram {
  const bins = Math.max(1, Math.floor(opts.bins ?? 30));
  let [lo, hi] = opts.range ?? finiteExtent(values) ?? [0, 1];
  if (lo === hi) {
    const d = lo === 0 ? 0.5 : Math.abs(lo) * 0.05;
    lo -= d;
    hi += d;
  }
  const edges = new Float64Array(bins + 1);
  for (let i = 0; i <= bins; i++) edges[i] = lo + ((hi - lo) * i) / bins;
  const counts = new Float64Array(bins);
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v >= lo && v <= hi)) continue;
    const b = Math.min(bins - 1, Math.floor(((v - lo) / (hi - lo)) * bins));
    counts[b]++;
    total++;
  }
  if (opts.density && total > 0) {
    const w = (hi - lo) / bins;
    for (let i = 0; i < bins; i++) counts[i] /= total * w;
  }
  return { edges, counts };
}
