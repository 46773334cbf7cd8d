/** Colour normalisation (value → [0, 1]) and a vertical colour bar with its own axis. */
import { renderAxis } from "./axis.js";
import { type ColormapSpec, colormapStops } from "./colormap.js";
import { PlotError } from "./errors.js";
import type { Rect } from "./layout.js";
import { makeScale } from "./scale.js";
import { el } from "./svg.js";
import { THEME } from "./theme.js";

/** Maps data values to [0, 1]: linearly, or linearly in log10 (positive values only). */
export interface ColorNorm {
  readonly type: "linear" | "log";
  readonly vmin: number;
  readonly vmax: number;
}

/** Options for {@link makeColorNorm}. */
export interface ColorNormOptions {
  /** Value at the low end of the colour map (default: smallest finite value, > 0 for log). */
  readonly vmin?: number;
  /** Value at the high end (default: largest finite value). */
  readonly vmax?: number;
  /** `"log"` for data spanning decades (default `"linear"`). */
  readonly scale?: "linear" | "log";
}

/**
 * Norm from explicit limits or the finite (for log: positive) values. Equal limits are
 * widened (±5 %, or a factor 2 for log) so that every value maps somewhere. Throws a
 * PlotError (`fn` names the caller) when vmin > vmax, a limit is not finite, or a log
 * limit is not positive.
 */
export function makeColorNorm(
  values: ArrayLike<number>,
  opts: ColorNormOptions = {},
  fn = "makeColorNorm",
): ColorNorm {
  const type = opts.scale ?? "linear";
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v) || (type === "log" && !(v > 0))) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  let vmin = opts.vmin ?? (Number.isFinite(lo) ? lo : type === "log" ? 1 : 0);
  let vmax = opts.vmax ?? (Number.isFinite(hi) ? hi : type === "log" ? 10 : 1);
  for (const [name, v] of [
    ["vmin", vmin],
    ["vmax", vmax],
  ] as const) {
    if (!Number.isFinite(v)) throw new PlotError(fn, name, "value", `must be finite, got ${v}`);
    if (type === "log" && !(v > 0))
      throw new PlotError(fn, name, "value", `must be > 0 for a log colour scale, got ${v}`);
  }
  if (vmin > vmax) throw new PlotError(fn, "vmin", "value", `vmin ${vmin} > vmax ${vmax}`);
  if (vmin === vmax) {
    if (type === "log") {
      vmin /= 2;
      vmax *= 2;
    } else {
      const pad = vmin === 0 ? 0.5 : Math.abs(vmin) * 0.05;
      vmin -= pad;
      vmax += pad;
    }
  }
  return { type, vmin, vmax };
}

/** Position of `v` in [0, 1] under `norm` (clamped); NaN for non-finite or, on log, non-positive `v`. */
export function normalizeColor(norm: ColorNorm, v: number): number {
  if (!Number.isFinite(v)) return Number.NaN;
  let t: number;
  if (norm.type === "log") {
    if (!(v > 0)) return Number.NaN;
    t = (Math.log10(v) - Math.log10(norm.vmin)) / (Math.log10(norm.vmax) - Math.log10(norm.vmin));
  } else {
    t = (v - norm.vmin) / (norm.vmax - norm.vmin);
  }
  return Math.min(1, Math.max(0, t));
}

/** Options for {@link colorbarMark}. */
export interface ColorbarOptions {
  /** Unique id within the SVG document (used for the gradient). */
  readonly id: string;
  /** Axis title (TeX-like math allowed). */
  readonly label?: string;
  readonly colormap?: ColormapSpec;
}

/**
 * A vertical colour bar filling `rect` (low values at the bottom) drawn as a linear
 * gradient through the colour map's anchors, with ticks and labels on its right.
 */
export function colorbarMark(rect: Rect, norm: ColorNorm, opts: ColorbarOptions): string {
  const gid = `cbar-${opts.id}`;
  const stops = colormapStops(opts.colormap).map((s) =>
    el("stop", { offset: s.offset, "stop-color": s.color }),
  );
  const gradient = el("linearGradient", { id: gid, x1: 0, y1: 1, x2: 0, y2: 0 }, stops);
  const scale = makeScale(norm.type, [norm.vmin, norm.vmax], [rect.y + rect.height, rect.y]);
  return el("g", { class: "colorbar" }, [
    el("defs", {}, gradient),
    el("rect", {
      x: rect.x,
      y: rect.y,
      width: rect.width,
      height: rect.height,
      fill: `url(#${gid})`,
      stroke: THEME.axisColor,
      "stroke-width": 0.8,
    }),
    renderAxis(scale, rect, { orient: "right", label: opts.label }),
  ]);
}
