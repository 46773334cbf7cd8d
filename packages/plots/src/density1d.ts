/**
 * One-dimensional densities: Gaussian KDEs and/or density-normalised histograms of one or
 * several sample sets on a shared x axis (shared bin edges), with an optional true
 * density curve and reference markers — e.g. posterior draws against the exact pdf.
 */
import { PlotError } from "./errors.js";
import { dataExtent, type FigureOptions, singlePanelFigure } from "./figure.js";
import { histogram } from "./histogram.js";
import { type Bandwidth, gaussianKde, kdeBandwidth } from "./kde.js";
import type { LegendEntry } from "./legend.js";
import { histMark, lineMark, ruleMark } from "./marks.js";
import { paletteColor } from "./palette.js";
import { quantileSorted, sortedFinite } from "./quantile.js";

/** One sample set. */
export interface DensitySample {
  readonly values: ArrayLike<number>;
  /** Legend label. */
  readonly label?: string;
  /** Colour; default from the palette. */
  readonly color?: string;
}

/** A reference density: a function, or a curve given on points. */
export type TrueDensity =
  | { readonly pdf: (x: number) => number; readonly label?: string }
  | { readonly x: ArrayLike<number>; readonly y: ArrayLike<number>; readonly label?: string };

/** Options for {@link plotDensity1d}. */
export interface Density1dOptions extends FigureOptions {
  /** `"kde"` (default), `"hist"`, or `"both"`. */
  readonly kind?: "kde" | "hist" | "both";
  /**
   * Histogram bins shared by all sets (default: numpy's "auto" rule, the larger of the
   * Sturges and Freedman–Diaconis counts for the largest set, clamped to [5, 100]).
   */
  readonly bins?: number;
  /** KDE bandwidth rule or value (default Scott). */
  readonly bandwidth?: Bandwidth;
  /**
   * Support of the density, e.g. `[0, Infinity]` for a scale parameter. The KDE is
   * corrected at finite bounds by reflection (Silverman 1986, §2.10) and drawn only
   * inside them.
   */
  readonly bounds?: readonly [number, number];
  /** x range shown (default: the data, bounds and true-density points). */
  readonly range?: readonly [number, number];
  /** Exact density drawn as a dashed black curve (label default "true density"). */
  readonly trueDensity?: TrueDensity;
  /** Vertical reference lines (e.g. the true parameter value). */
  readonly markers?: readonly { readonly value: number; readonly label: string }[];
}

/** numpy's "auto" bin count: max(Sturges, Freedman–Diaconis), clamped to [5, 100]. */
function autoBins(sorted: Float64Array): number {
  const n = sorted.length;
  if (n < 2) return 5;
  const sturges = Math.ceil(Math.log2(n)) + 1;
  const iqr = quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25);
  const span = sorted[n - 1] - sorted[0];
  const fd = iqr > 0 && span > 0 ? Math.ceil(span / (2 * iqr * n ** (-1 / 3))) : 0;
  return Math.min(100, Math.max(5, sturges, fd));
}

/**
 * Gaussian KDE on `extent ∩ bounds` (400 points) with boundary correction by reflection
 * (Silverman 1986, §2.10): f(x) = Σ_i [K_h(x − s_i) + K_h(x − (2a − s_i)) + K_h(x − (2b − s_i))] / n
 * for the finite bounds a, b. The bandwidth comes from the unreflected samples. Throws a
 * RangeError when there is no finite sample.
 */
export function reflectedKde(
  samples: ArrayLike<number>,
  rule: Bandwidth,
  extent: readonly [number, number],
  bounds: readonly [number, number] | undefined,
): { x: Float64Array; density: Float64Array } {
  const sorted = sortedFinite(samples);
  const h = kdeBandwidth(sorted, rule);
  const [blo, bhi] = bounds ?? [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
  const lo = Math.max(extent[0], blo);
  const hi = Math.min(extent[1], bhi);
  const base = gaussianKde(sorted, { bandwidth: h, extent: [lo, hi], gridSize: 400 });
  if (!Number.isFinite(blo) && !Number.isFinite(bhi)) return base;
  // f(x) = K_h(x; s) + K_h(x; 2a − s) + K_h(x; 2b − s), each term a KDE with the same n.
  const density = Float64Array.from(base.density);
  for (const b of [blo, bhi]) {
    if (!Number.isFinite(b)) continue;
    const mirrored = sorted.map((v) => 2 * b - v);
    const m = gaussianKde(mirrored, { bandwidth: h, extent: [lo, hi], gridSize: 400 });
    for (let i = 0; i < density.length; i++) density[i] += m.density[i];
  }
  return { x: base.x, density };
}

function normaliseSamples(samples: ArrayLike<number> | readonly DensitySample[]): DensitySample[] {
  if (Array.isArray(samples) && samples.length > 0 && typeof samples[0] === "object")
    return samples as DensitySample[];
  if (Array.isArray(samples) && samples.length === 0) return [];
  return [{ values: samples as ArrayLike<number> }];
}

/**
 * Render KDEs and/or histograms (as densities) of one sample array or several labelled
 * sets, as an SVG document string. Throws a PlotError when no set has a finite value,
 * `bins` is not a positive integer, or `bounds`/`range` are not ordered pairs.
 */
export function plotDensity1d(
  samples: ArrayLike<number> | readonly DensitySample[],
  opts: Density1dOptions = {},
): string {
  const sets = normaliseSamples(samples);
  const sorted = sets.map((s) => sortedFinite(s.values));
  if (sorted.every((s) => s.length === 0))
    throw new PlotError("plotDensity1d", "samples", "value", "no finite values");
  const kind = opts.kind ?? "kde";
  if (opts.bins !== undefined && !(Number.isInteger(opts.bins) && opts.bins > 0))
    throw new PlotError("plotDensity1d", "bins", "value", `must be a positive integer`);
  for (const [name, pair] of [
    ["bounds", opts.bounds],
    ["range", opts.range],
  ] as const) {
    if (pair !== undefined && !(pair[0] < pair[1]))
      throw new PlotError("plotDensity1d", name, "value", `needs lo < hi, got [${pair}]`);
  }
  const truth = opts.trueDensity;
  const truthX = truth !== undefined && "x" in truth ? truth.x : [];
  const nonEmpty = sorted.filter((s) => s.length > 0);
  let [lo, hi] =
    opts.range ??
    dataExtent(
      [
        ...nonEmpty.map((s) => [s[0], s[s.length - 1]]),
        truthX,
        opts.markers?.map((m) => m.value) ?? [],
      ],
      { pad: 0.05 },
    );
  if (opts.range === undefined && opts.bounds !== undefined) {
    // Do not pad past a finite bound: the density ends there.
    if (Number.isFinite(opts.bounds[0]) && lo < opts.bounds[0]) lo = opts.bounds[0];
    if (Number.isFinite(opts.bounds[1]) && hi > opts.bounds[1]) hi = opts.bounds[1];
  }
  const largest = sorted.reduce((a, s) => (s.length > a.length ? s : a), sorted[0]);
  const bins = opts.bins ?? autoBins(largest);
  const colors = sets.map((s, k) => s.color ?? paletteColor(k));
  const showHist = kind !== "kde";
  const showKde = kind !== "hist";

  // Shared bins over the data (not the padded axis range), so sets are comparable.
  const histRange: [number, number] = opts.range
    ? [opts.range[0], opts.range[1]]
    : [Math.min(...nonEmpty.map((s) => s[0])), Math.max(...nonEmpty.map((s) => s[s.length - 1]))];
  const hists = showHist
    ? sorted.map((s) =>
        s.length > 0 ? histogram(s, { bins, range: histRange, density: true }) : undefined,
      )
    : [];
  const kdes = showKde
    ? sorted.map((s) =>
        s.length > 0
          ? reflectedKde(s, opts.bandwidth ?? "scott", [lo, hi], opts.bounds)
          : undefined,
      )
    : [];
  let truthCurve: { x: ArrayLike<number>; y: ArrayLike<number> } | undefined;
  if (truth !== undefined) {
    if ("pdf" in truth) {
      const m = 400;
      const xs = new Float64Array(m);
      const ys = new Float64Array(m);
      for (let i = 0; i < m; i++) {
        xs[i] = lo + ((hi - lo) * i) / (m - 1);
        ys[i] = truth.pdf(xs[i]);
      }
      truthCurve = { x: xs, y: ys };
    } else {
      truthCurve = { x: truth.x, y: truth.y };
    }
  }
  let yMax = 0;
  const grow = (a: ArrayLike<number>) => {
    for (let i = 0; i < a.length; i++) if (Number.isFinite(a[i]) && a[i] > yMax) yMax = a[i];
  };
  for (const h of hists) if (h) grow(h.counts);
  for (const k of kdes) if (k) grow(k.density);
  if (truthCurve) grow(truthCurve.y);

  const legend: LegendEntry[] = [];
  sets.forEach((s, k) => {
    if (s.label !== undefined)
      legend.push(
        showKde
          ? { label: s.label, color: colors[k], kind: "line" }
          : { label: s.label, color: colors[k], kind: "band", opacity: 0.35 },
      );
  });
  if (truthCurve)
    legend.push({
      label: truth?.label ?? "true density",
      color: "#000000",
      kind: "line",
      dash: "5 3",
    });
  (opts.markers ?? []).forEach((m, k) => {
    legend.push({ label: m.label, color: paletteColor(k + 3), kind: "line", dash: "2 2" });
  });
  const avoid = kdes.filter((k) => k !== undefined).map((k) => ({ x: k.x, y: k.density }));
  for (const h of hists) {
    if (h) avoid.push({ x: h.edges.subarray(1).map((e, i) => (e + h.edges[i]) / 2), y: h.counts });
  }

  return singlePanelFigure(
    {
      yLabel: "density",
      ...opts,
      xScale: "linear",
      yScale: "linear",
      xDomain: [lo, hi],
      yDomain: [0, yMax > 0 ? yMax * 1.08 : 1],
      legend,
      avoid,
      className: "density1d-plot",
    },
    (panel) => {
      const marks: string[] = [];
      hists.forEach((h, k) => {
        if (!h) return;
        marks.push(
          histMark(panel, h.edges, h.counts, {
            fill: colors[k],
            opacity: showKde ? 0.18 : 0.25,
            stroke: colors[k],
            strokeWidth: showKde ? 0.8 : 1.3,
            className: "hist",
          }),
        );
      });
      kdes.forEach((d, k) => {
        if (!d) return;
        marks.push(
          lineMark(panel, d.x, d.density, { stroke: colors[k], width: 1.8, className: "kde" }),
        );
      });
      if (truthCurve) {
        marks.push(
          lineMark(panel, truthCurve.x, truthCurve.y, {
            stroke: "#000000",
            width: 1.5,
            dash: "5 3",
            className: "true-density",
          }),
        );
      }
      (opts.markers ?? []).forEach((m, k) => {
        marks.push(
          ruleMark(panel, "x", m.value, {
            stroke: paletteColor(k + 3),
            width: 1.5,
            dash: "2 2",
            className: "marker",
          }),
        );
      });
      return marks;
    },
  );
}
