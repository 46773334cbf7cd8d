/**
 * A 2-D array (a density on a grid, a binned count map) as a heat map with a colour bar,
 * with point sets drawn over it — e.g. a stream's model density in (φ₁, φ₂) with the
 * member stars on top. The grid is embedded as one PNG `<image>` (nearest-neighbour
 * scaled, one pixel per cell), like matplotlib's SVG output of `imshow`/`pcolormesh`.
 */
import { colorbarMark, makeColorNorm, normalizeColor } from "./colorbar.js";
import { type ColormapSpec, colormapRgb } from "./colormap.js";
import { COLORBAR_GAP, COLORBAR_WIDTH, colorbarRoom } from "./colorScaleLayout.js";
import { PlotError } from "./errors.js";
import { type FigureOptions, singlePanelFigure } from "./figure.js";
import { fmt } from "./format.js";
import type { LegendEntry } from "./legend.js";
import { scatterMark } from "./marks.js";
import { encodePngRgba, pngDataUri } from "./pngEncode.js";
import { el } from "./svg.js";

/** A set of points drawn over the image. */
export interface ImagePoints {
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  /** Legend label (sets without one are left out of the legend). */
  readonly label?: string;
  /** Fill colour; default white (first set), then vermillion, sky blue, black. */
  readonly color?: string;
  /** Outline colour; default black (white for a black fill). */
  readonly stroke?: string;
  /** Radius in px (default 2.5). */
  readonly radius?: number;
}

/** Input of {@link plotImage}. */
export interface ImageInput extends Omit<FigureOptions, "xScale" | "yScale"> {
  /** Cell values, row-major: `ny` rows of `nx`, **row 0 at the lowest y** (as `histogram2d`). */
  readonly values: ArrayLike<number>;
  readonly nx: number;
  readonly ny: number;
  /** x of the left edge of the first column and the right edge of the last (default [0, nx]). */
  readonly xExtent?: readonly [number, number];
  /** y of the bottom edge of row 0 and the top edge of the last row (default [0, ny]). */
  readonly yExtent?: readonly [number, number];
  /** Colour map (default viridis). */
  readonly colormap?: ColormapSpec;
  /** Value mapped to the low end (default: smallest finite value, or positive one on log). */
  readonly vmin?: number;
  /** Value mapped to the high end (default: largest finite value). */
  readonly vmax?: number;
  /** Colour scale (default linear). On `"log"` cells ≤ 0 are left blank, like NaN cells. */
  readonly colorScale?: "linear" | "log";
  /** Colour-bar title (TeX-like math allowed), e.g. `"density"`. */
  readonly colorLabel?: string;
  /** Point sets drawn over the image. */
  readonly points?: readonly ImagePoints[];
  /** Bilinear smoothing when scaling the image instead of sharp cells (default false). */
  readonly smooth?: boolean;
}

const POINT_FILLS = ["#ffffff", "#D55E00", "#56B4E9", "#000000"];

function checkExtent(name: string, e: readonly [number, number] | undefined, n: number) {
  const ext = e ?? [0, n];
  if (!(Number.isFinite(ext[0]) && Number.isFinite(ext[1]) && ext[0] !== ext[1]))
    throw new PlotError("plotImage", name, "value", `needs two finite, distinct values`);
  return ext;
}

/**
 * Render a 2-D array as a heat map with a colour bar and optional points, as an SVG
 * document string. Non-finite cells (and cells ≤ 0 on a log colour scale) are
 * transparent. Throws a PlotError when `nx`, `ny` are not positive integers, `values`
 * does not hold `nx·ny` entries, an extent is degenerate, or the colour limits are invalid.
 */
export function plotImage(input: ImageInput): string {
  const { nx, ny, values } = input;
  if (!(Number.isInteger(nx) && nx > 0 && Number.isInteger(ny) && ny > 0))
    throw new PlotError(
      "plotImage",
      "nx/ny",
      "value",
      `must be positive integers, got ${nx}×${ny}`,
    );
  if (values.length !== nx * ny)
    throw new PlotError(
      "plotImage",
      "values",
      "shape",
      `expected nx·ny = ${nx * ny} values, got ${values.length}`,
    );
  const xExt = checkExtent("xExtent", input.xExtent, nx);
  const yExt = checkExtent("yExtent", input.yExtent, ny);
  const norm = makeColorNorm(
    values,
    { vmin: input.vmin, vmax: input.vmax, scale: input.colorScale },
    "plotImage",
  );

  // Pixels: PNG rows run top to bottom, so the last grid row comes first; a reversed
  // extent flips the corresponding axis of the picture.
  const lut = new Uint8Array(256 * 3);
  for (let k = 0; k < 256; k++) {
    const [r, g, b] = colormapRgb(k / 255, input.colormap);
    lut[3 * k] = Math.round(r * 255);
    lut[3 * k + 1] = Math.round(g * 255);
    lut[3 * k + 2] = Math.round(b * 255);
  }
  const rgba = new Uint8Array(nx * ny * 4);
  let filled = 0;
  for (let row = 0; row < ny; row++) {
    const iy = ny - 1 - row;
    for (let ix = 0; ix < nx; ix++) {
      const t = normalizeColor(norm, values[iy * nx + ix]);
      const o = (row * nx + ix) * 4;
      if (Number.isNaN(t)) continue;
      const k = Math.round(t * 255);
      rgba[o] = lut[3 * k];
      rgba[o + 1] = lut[3 * k + 1];
      rgba[o + 2] = lut[3 * k + 2];
      rgba[o + 3] = 255;
      filled++;
    }
  }
  const href = pngDataUri(encodePngRgba(nx, ny, rgba));
  const xDomain: [number, number] = [Math.min(...xExt), Math.max(...xExt)];
  const yDomain: [number, number] = [Math.min(...yExt), Math.max(...yExt)];
  const flipX = xExt[0] > xExt[1];
  const flipY = yExt[0] > yExt[1];

  const points = input.points ?? [];
  const fills = points.map((p, k) => p.color ?? POINT_FILLS[k % POINT_FILLS.length]);
  const strokes = points.map(
    (p, k) => p.stroke ?? (fills[k] === "#000000" ? "#ffffff" : "#000000"),
  );
  const legend: LegendEntry[] = [];
  points.forEach((p, k) => {
    if (p.label !== undefined)
      legend.push({ label: p.label, color: fills[k], kind: "point", stroke: strokes[k] });
  });
  const height = input.height ?? 440;
  const plotH = height - (input.title !== undefined ? 40 : 16) - 52;
  return singlePanelFigure(
    {
      ...input,
      height,
      xDomain,
      yDomain,
      legend,
      avoid: points,
      className: "image-plot",
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
      const x0 = panel.x.map(xDomain[0]);
      const x1 = panel.x.map(xDomain[1]);
      const y0 = panel.y.map(yDomain[1]);
      const y1 = panel.y.map(yDomain[0]);
      const flip =
        flipX || flipY
          ? `translate(${fmt(flipX ? x0 + x1 : 0)} ${fmt(flipY ? y0 + y1 : 0)}) scale(${flipX ? -1 : 1} ${flipY ? -1 : 1})`
          : undefined;
      const marks = [
        filled > 0
          ? el("image", {
              class: "heatmap",
              x: x0,
              y: y0,
              width: x1 - x0,
              height: y1 - y0,
              preserveAspectRatio: "none",
              "image-rendering": input.smooth ? undefined : "optimizeSpeed",
              transform: flip,
              href,
            })
          : "",
      ];
      points.forEach((p, k) => {
        marks.push(
          scatterMark(panel, p.x, p.y, {
            radius: p.radius ?? 2.5,
            fill: fills[k],
            stroke: strokes[k],
            className: "points",
          }),
        );
      });
      return marks;
    },
  );
}
