/**
 * Points coloured by a value with a colour bar — e.g. a colour–magnitude diagram coloured
 * by membership probability (magnitude axis inverted, bright stars at the top).
 */
import { colorbarMark, makeColorNorm, normalizeColor } from "./colorbar.js";
import { type ColormapSpec, colormapHex } from "./colormap.js";
import { COLORBAR_GAP, COLORBAR_WIDTH, colorbarRoom } from "./colorScaleLayout.js";
import { PlotError } from "./errors.js";
import { dataExtent, type FigureOptions, singlePanelFigure } from "./figure.js";
import type { LegendEntry } from "./legend.js";
import { scatterMark } from "./marks.js";
import { el } from "./svg.js";

/** Input of {@link plotScatterColored}. */
export interface ScatterColoredInput extends FigureOptions {
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  /** Value per point that sets its colour (same length as `x`). */
  readonly c: ArrayLike<number>;
  /** Colour map (default viridis; `{ name: "greys" }` for grey scale). */
  readonly colormap?: ColormapSpec;
  /** Value at the low end of the colour map (default: smallest finite `c`). */
  readonly vmin?: number;
  /** Value at the high end (default: largest finite `c`). */
  readonly vmax?: number;
  /** Colour scale (default linear). */
  readonly colorScale?: "linear" | "log";
  /** Colour-bar title, e.g. `"membership probability"`. */
  readonly colorLabel?: string;
  /** Larger values upwards → downwards (magnitudes: bright at the top). */
  readonly invertY?: boolean;
  readonly invertX?: boolean;
  /** Point radius in px (default 2.5). */
  readonly radius?: number;
  /**
   * Drawing order: `"ascending"` (default) draws the highest values last, on top (members
   * over the field); `"descending"` the reverse; `"input"` keeps the given order.
   */
  readonly order?: "ascending" | "descending" | "input";
  /** Colour of points whose value is not finite (drawn first, underneath; default light grey). */
  readonly missingColor?: string;
}

/**
 * Render points coloured by `c` with a colour bar, as an SVG document string. Points with
 * non-finite x or y are skipped; points with a non-finite `c` (or `c` ≤ 0 on a log scale)
 * are drawn in `missingColor` and listed in the legend as "no value". Throws a PlotError
 * when `x`, `y` and `c` differ in length or the colour limits are invalid.
 */
export function plotScatterColored(input: ScatterColoredInput): string {
  const n = input.x.length;
  if (input.y.length !== n || input.c.length !== n)
    throw new PlotError(
      "plotScatterColored",
      "x/y/c",
      "shape",
      `lengths differ: x ${n}, y ${input.y.length}, c ${input.c.length}`,
    );
  const norm = makeColorNorm(
    input.c,
    { vmin: input.vmin, vmax: input.vmax, scale: input.colorScale },
    "plotScatterColored",
  );
  const valued: number[] = [];
  const missing: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(input.x[i]) || !Number.isFinite(input.y[i])) continue;
    if (Number.isNaN(normalizeColor(norm, input.c[i]))) missing.push(i);
    else valued.push(i);
  }
  const order = input.order ?? "ascending";
  if (order !== "input") {
    const sign = order === "ascending" ? 1 : -1;
    valued.sort((a, b) => sign * (input.c[a] - input.c[b]) || a - b);
  }
  const xDomain = dataExtent([input.x], { log: input.xScale === "log" });
  const yDomain = dataExtent([input.y], { log: input.yScale === "log" });
  const radius = input.radius ?? 2.5;
  const missingColor = input.missingColor ?? "#c8c8c8";
  const legend: LegendEntry[] =
    missing.length > 0
      ? [{ label: `no value (${missing.length})`, color: missingColor, kind: "point" }]
      : [];
  const height = input.height ?? 440;
  const plotH = height - (input.title !== undefined ? 40 : 16) - 52;
  return singlePanelFigure(
    {
      ...input,
      height,
      xDomain: input.invertX ? [xDomain[1], xDomain[0]] : xDomain,
      yDomain: input.invertY ? [yDomain[1], yDomain[0]] : yDomain,
      legend,
      avoid: [{ x: input.x, y: input.y }],
      className: "scatter-colored-plot",
      rightMargin: colorbarRoom(norm, plotH, input.colorLabel),
      decorate: (panel) => [
        colorbarMark(
          {
            x: panel.rect.x + panel.rect.width + COLORBAR_GAP,
            y: panel.rect.y,
            width: COLORBAR_WIDTH,
            height: panel.rect.height,
          },
          norm,
          { id: panel.id, label: input.colorLabel, colormap: input.colormap },
        ),
      ],
    },
    (panel) => {
      const marks: string[] = [];
      if (missing.length > 0) {
        marks.push(
          scatterMark(
            panel,
            missing.map((i) => input.x[i]),
            missing.map((i) => input.y[i]),
            { radius, fill: missingColor, className: "missing-points" },
          ),
        );
      }
      const circles: string[] = [];
      for (const i of valued) {
        const px = panel.x.map(input.x[i]);
        const py = panel.y.map(input.y[i]);
        if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
        const fill = colormapHex(normalizeColor(norm, input.c[i]), input.colormap);
        circles.push(el("circle", { cx: px, cy: py, r: radius, fill }));
      }
      marks.push(
        el(
          "g",
          {
            class: "colored-points",
            stroke: "#000000",
            "stroke-opacity": 0.35,
            "stroke-width": 0.4,
          },
          circles,
        ),
      );
      return marks;
    },
  );
}
