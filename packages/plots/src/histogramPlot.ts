/** Simple histogram figure for apps (one sample set, optional vertical markers). */
import { dataExtent, type FigureOptions, singlePanelFigure } from "./figure.js";
import { finiteExtent, histogram } from "./histogram.js";
import type { LegendEntry } from "./legend.js";
import { histMark, ruleMark } from "./marks.js";
import { PALETTE, paletteColor } from "./palette.js";

/** Options for {@link plotHistogram}. */
export interface HistogramPlotOptions extends FigureOptions {
  /** Number of bins (default 30). */
  readonly bins?: number;
  /** Binning range; default the data extent. */
  readonly range?: readonly [number, number];
  /** Plot a probability density instead of counts. */
  readonly density?: boolean;
  /** Bar colour (default palette blue). */
  readonly color?: string;
  /** Vertical reference lines with legend labels. */
  readonly markers?: readonly { readonly value: number; readonly label: string }[];
}

/** Render a histogram of `values` as an SVG document string. */
export function plotHistogram(values: ArrayLike<number>, opts: HistogramPlotOptions = {}): string {
  const h = histogram(values, {
    bins: opts.bins,
    range: opts.range ?? finiteExtent(values),
    density: opts.density,
  });
  const color = opts.color ?? PALETTE[0];
  const markers = opts.markers ?? [];
  let cMax = 0;
  for (let i = 0; i < h.counts.length; i++) cMax = Math.max(cMax, h.counts[i]);
  const xDomain = dataExtent([h.edges, markers.map((m) => m.value)], { pad: 0.02 });
  const legend: LegendEntry[] = markers.map((m, k) => ({
    label: m.label,
    color: paletteColor(k + 3),
    kind: "line",
  }));
  return singlePanelFigure(
    {
      yLabel: opts.density ? "density" : "count",
      ...opts,
      xDomain,
      yDomain: [0, cMax > 0 ? cMax * 1.08 : 1],
      yScale: "linear",
      legend,
      avoid: [{ x: h.edges.subarray(1).map((e, i) => (e + h.edges[i]) / 2), y: h.counts }],
      className: "histogram-plot",
    },
    (panel) => [
      histMark(panel, h.edges, h.counts, {
        fill: color,
        opacity: 0.55,
        stroke: color,
        strokeWidth: 1.2,
        className: "hist",
      }),
      ...markers.map((m, k) =>
        ruleMark(panel, "x", m.value, {
          stroke: paletteColor(k + 3),
          width: 1.6,
          dash: "5 3",
          className: "marker",
        }),
      ),
    ],
  );
}
