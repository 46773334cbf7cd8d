/** Simple multi-series line figure for apps (loss curves, diagnostics against iteration, …). */
import { dataExtent, type FigureOptions, singlePanelFigure } from "./figure.js";
import type { LegendEntry } from "./legend.js";
import { lineMark } from "./marks.js";
import { paletteColor } from "./palette.js";

/** One line series. */
export interface LineSeries {
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  /** Legend label; series without labels are left out of the legend. */
  readonly label?: string;
  readonly color?: string;
  readonly dash?: string;
  readonly width?: number;
}

/** Render line series as an SVG document string (colours cycle through the palette). */
export function plotLines(series: readonly LineSeries[], opts: FigureOptions = {}): string {
  const color = (s: LineSeries, k: number) => s.color ?? paletteColor(k);
  const legend: LegendEntry[] = [];
  series.forEach((s, k) => {
    if (s.label !== undefined)
      legend.push({ label: s.label, color: color(s, k), kind: "line", dash: s.dash });
  });
  return singlePanelFigure(
    {
      ...opts,
      xDomain: dataExtent(
        series.map((s) => s.x),
        { log: opts.xScale === "log", pad: 0 },
      ),
      yDomain: dataExtent(
        series.map((s) => s.y),
        { log: opts.yScale === "log" },
      ),
      legend,
      avoid: series,
      className: "lines-plot",
    },
    (panel) =>
      series.map((s, k) =>
        lineMark(panel, s.x, s.y, {
          stroke: color(s, k),
          dash: s.dash,
          width: s.width ?? 1.6,
          className: "series",
        }),
      ),
  );
}
