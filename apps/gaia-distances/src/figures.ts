/** Figure helpers shared by the commands (thin wrappers over @sidereal/plots). */
import type { McmcResult } from "@sidereal/autodiff-samplers";
import { histogram, type LineSeries, plotLines } from "@sidereal/plots";
import { type Tensor, tensor } from "@sidereal/tensor";

/** Stepped outline of a histogram (edges, counts) as a line series. */
export function stepSeries(
  edges: ArrayLike<number>,
  counts: ArrayLike<number>,
  style: Omit<LineSeries, "x" | "y">,
): LineSeries {
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < counts.length; i++) {
    x.push(edges[i], edges[i + 1]);
    y.push(counts[i], counts[i]);
  }
  return { ...style, x, y };
}

/**
 * Observed values against predictive replicas: the histogram of `observed` (thick) over
 * the histograms of each replica (thin grey), on the same bins.
 */
export function plotPredictiveHistogram(
  observed: ArrayLike<number>,
  replicas: readonly ArrayLike<number>[],
  opts: { bins: number; range: readonly [number, number]; xLabel: string; title: string },
): string {
  const obs = histogram(observed, { bins: opts.bins, range: opts.range });
  const series: LineSeries[] = replicas.map((r, k) =>
    stepSeries(obs.edges, histogram(r, { bins: opts.bins, range: opts.range }).counts, {
      color: "#00000026",
      width: 0.6,
      ...(k === 0 ? { label: "posterior predictive" } : {}),
    }),
  );
  series.push(stepSeries(obs.edges, obs.counts, { color: "#0072b2", width: 2, label: "observed" }));
  return plotLines(series, { xLabel: opts.xLabel, yLabel: "count", title: opts.title });
}

/** `k` draws of the named sites, evenly spaced over all chains, as `[k, ...site]` tensors. */
export function thinSamples(
  res: McmcResult,
  names: readonly string[],
  k: number,
): Record<string, Tensor> {
  const total = res.numChains * res.numSamples;
  const n = Math.min(k, total);
  const idx = Array.from({ length: n }, (_, i) => Math.floor((i * total) / n));
  const out: Record<string, Tensor> = {};
  for (const name of names) {
    const s = res.samples[name];
    const site = s.shape.slice(2);
    const per = site.reduce((a, b) => a * b, 1);
    const data = new Float64Array(n * per);
    idx.forEach((j, i) => {
      data.set(s.draws.subarray(j * per, (j + 1) * per), i * per);
    });
    out[name] = tensor(data, [n, ...site]);
  }
  return out;
}

/** Sample quantile (linear interpolation) of a copy of `v`. */
export function quantile(v: ArrayLike<number>, p: number): number {
  const s = Float64Array.from(v).sort();
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return s[lo] + (h - lo) * (s[Math.min(lo + 1, s.length - 1)] - s[lo]);
}

/** Column `c` of a `[draws, k]`-major array (e.g. one star's draws of r). */
export function column(draws: Float64Array, k: number, c: number): Float64Array {
  const n = draws.length / k;
  return Float64Array.from({ length: n }, (_, i) => draws[i * k + c]);
}
