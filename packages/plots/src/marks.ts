/**
 * Data marks drawn inside a {@link Panel}: lines, points, steps, histograms, filled
 * bands, reference rules, error bars and rug ticks. Inputs are in data space; points
 * whose coordinates are not finite after scaling are skipped (lines break there).
 */
import { fmt } from "./format.js";
import type { Panel } from "./panel.js";
import { el } from "./svg.js";
import { THEME } from "./theme.js";

/** Stroke style of line-like marks. */
export interface StrokeStyle {
  readonly stroke?: string;
  readonly width?: number;
  readonly opacity?: number;
  /** SVG dash array, e.g. `"4 2"`. */
  readonly dash?: string;
  /** CSS class on the element (handy for tests and styling). */
  readonly className?: string;
}

/** Fill style of area-like marks. */
export interface FillStyle {
  readonly fill?: string;
  readonly opacity?: number;
  readonly stroke?: string;
  readonly strokeWidth?: number;
  readonly className?: string;
}

function strokeAttrs(s: StrokeStyle) {
  return {
    class: s.className,
    fill: "none",
    stroke: s.stroke ?? THEME.axisColor,
    "stroke-width": s.width ?? THEME.lineWidth,
    "stroke-opacity": s.opacity !== undefined && s.opacity < 1 ? s.opacity : undefined,
    "stroke-dasharray": s.dash,
    "stroke-linejoin": "round",
  };
}

/** Pixel coordinates of the finite points, split into runs at non-finite ones. */
function pixelRuns(panel: Panel, xs: ArrayLike<number>, ys: ArrayLike<number>): number[][] {
  const n = Math.min(xs.length, ys.length);
  const runs: number[][] = [];
  let run: number[] = [];
  for (let i = 0; i < n; i++) {
    const px = panel.x.map(xs[i]);
    const py = panel.y.map(ys[i]);
    if (Number.isFinite(px) && Number.isFinite(py)) {
      run.push(px, py);
    } else if (run.length > 0) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

function points(run: readonly number[]): string {
  let s = "";
  for (let i = 0; i < run.length; i += 2) s += `${i ? " " : ""}${fmt(run[i])},${fmt(run[i + 1])}`;
  return s;
}

/** A line through (xs[i], ys[i]) as one `<polyline>` per run of finite points. */
export function lineMark(
  panel: Panel,
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  style: StrokeStyle = {},
): string {
  return pixelRuns(panel, xs, ys)
    .map((run) => el("polyline", { ...strokeAttrs(style), points: points(run) }))
    .join("");
}

/** Style of point marks. */
export interface PointStyle {
  readonly radius?: number;
  readonly fill?: string;
  readonly opacity?: number;
  readonly stroke?: string;
  readonly className?: string;
}

/** Points as `<circle>` elements inside one group (one circle per finite point). */
export function scatterMark(
  panel: Panel,
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  style: PointStyle = {},
): string {
  const r = style.radius ?? 2;
  const circles: string[] = [];
  const n = Math.min(xs.length, ys.length);
  for (let i = 0; i < n; i++) {
    const px = panel.x.map(xs[i]);
    const py = panel.y.map(ys[i]);
    if (Number.isFinite(px) && Number.isFinite(py))
      circles.push(el("circle", { cx: px, cy: py, r }));
  }
  return el(
    "g",
    {
      class: style.className,
      fill: style.fill ?? THEME.axisColor,
      "fill-opacity": style.opacity !== undefined && style.opacity < 1 ? style.opacity : undefined,
      stroke: style.stroke,
      "stroke-width": style.stroke ? 0.6 : undefined,
    },
    circles,
  );
}

/** Where the vertical jump of a step sits relative to each x. */
export type StepWhere = "pre" | "post" | "mid";

/**
 * A step line. `"mid"` jumps half-way between neighbouring x (channels of a spectrum,
 * each value drawn across its bin); `"post"` holds ys[i] on [x[i], x[i+1]); `"pre"` on (x[i−1], x[i]].
 */
export function stepMark(
  panel: Panel,
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  where: StepWhere = "mid",
  style: StrokeStyle = {},
): string {
  const n = Math.min(xs.length, ys.length);
  const sx: number[] = [];
  const sy: number[] = [];
  for (let i = 0; i < n; i++) {
    if (where === "mid") {
      const left = i > 0 ? (xs[i - 1] + xs[i]) / 2 : n > 1 ? xs[0] - (xs[1] - xs[0]) / 2 : xs[0];
      const right =
        i < n - 1 ? (xs[i] + xs[i + 1]) / 2 : n > 1 ? xs[i] + (xs[i] - xs[i - 1]) / 2 : xs[i];
      sx.push(left, right);
      sy.push(ys[i], ys[i]);
    } else if (where === "post") {
      sx.push(xs[i]);
      sy.push(ys[i]);
      if (i < n - 1) {
        sx.push(xs[i + 1]);
        sy.push(ys[i]);
      }
    } else {
      if (i > 0) {
        sx.push(xs[i - 1]);
        sy.push(ys[i]);
      }
      sx.push(xs[i]);
      sy.push(ys[i]);
    }
  }
  return lineMark(panel, sx, sy, style);
}

/** Histogram as a filled and/or outlined step shape from the baseline (`counts.length = edges.length − 1`). */
export function histMark(
  panel: Panel,
  edges: ArrayLike<number>,
  counts: ArrayLike<number>,
  style: FillStyle = {},
): string {
  const nb = Math.min(counts.length, edges.length - 1);
  if (nb < 1) return "";
  const base = panel.y.type === "log" ? panel.y.domain[0] : 0;
  const y0 = panel.y.map(base);
  let d = `M${fmt(panel.x.map(edges[0]))} ${fmt(y0)}`;
  for (let i = 0; i < nb; i++) {
    const c = counts[i] > 0 || panel.y.type !== "log" ? counts[i] : base;
    const py = fmt(panel.y.map(c));
    d += `V${py}H${fmt(panel.x.map(edges[i + 1]))}`;
  }
  d += `V${fmt(y0)}`;
  const filled = style.fill !== undefined && style.fill !== "none";
  return el("path", {
    class: style.className,
    d: filled ? `${d}Z` : d,
    fill: style.fill ?? "none",
    "fill-opacity": style.opacity !== undefined && style.opacity < 1 ? style.opacity : undefined,
    stroke: style.stroke ?? (filled ? undefined : THEME.axisColor),
    "stroke-width": style.strokeWidth ?? (style.stroke || !filled ? THEME.lineWidth : undefined),
    "stroke-linejoin": "miter",
  });
}

/** A filled band between lo[i] and hi[i] over xs (x should be sorted). Non-finite points are skipped. */
export function bandMark(
  panel: Panel,
  xs: ArrayLike<number>,
  lo: ArrayLike<number>,
  hi: ArrayLike<number>,
  style: FillStyle = {},
): string {
  const n = Math.min(xs.length, lo.length, hi.length);
  const top: string[] = [];
  const bottom: string[] = [];
  for (let i = 0; i < n; i++) {
    const px = panel.x.map(xs[i]);
    const a = panel.y.map(lo[i]);
    const b = panel.y.map(hi[i]);
    if (!Number.isFinite(px) || !Number.isFinite(a) || !Number.isFinite(b)) continue;
    top.push(`${fmt(px)} ${fmt(b)}`);
    bottom.push(`${fmt(px)} ${fmt(a)}`);
  }
  if (top.length < 2) return "";
  const d = `M${top.join("L")}L${bottom.reverse().join("L")}Z`;
  return el("path", {
    class: style.className,
    d,
    fill: style.fill ?? THEME.axisColor,
    "fill-opacity": style.opacity !== undefined && style.opacity < 1 ? style.opacity : undefined,
    stroke: style.stroke ?? "none",
    "stroke-width": style.stroke ? (style.strokeWidth ?? 1) : undefined,
  });
}

/** A reference line across the whole panel at x = value (`axis: "x"`) or y = value (`axis: "y"`). */
export function ruleMark(
  panel: Panel,
  axis: "x" | "y",
  value: number,
  style: StrokeStyle = {},
): string {
  const { rect } = panel;
  const p = axis === "x" ? panel.x.map(value) : panel.y.map(value);
  if (!Number.isFinite(p)) return "";
  const a = strokeAttrs(style);
  return axis === "x"
    ? el("line", { ...a, x1: p, y1: rect.y, x2: p, y2: rect.y + rect.height })
    : el("line", { ...a, x1: rect.x, y1: p, x2: rect.x + rect.width, y2: p });
}

/** Vertical error bars from ys[i] − lower[i] to ys[i] + upper[i] as one path (`upper` defaults to `lower`). */
export function errorBarMark(
  panel: Panel,
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  lower: ArrayLike<number>,
  upper: ArrayLike<number> = lower,
  style: StrokeStyle = {},
): string {
  const n = Math.min(xs.length, ys.length, lower.length, upper.length);
  let d = "";
  for (let i = 0; i < n; i++) {
    const px = panel.x.map(xs[i]);
    let a = panel.y.map(ys[i] - lower[i]);
    const b = panel.y.map(ys[i] + upper[i]);
    if (!Number.isFinite(a) && panel.y.type === "log") a = panel.rect.y + panel.rect.height;
    if (!Number.isFinite(px) || !Number.isFinite(a) || !Number.isFinite(b)) continue;
    d += `M${fmt(px)} ${fmt(a)}V${fmt(b)}`;
  }
  return d === "" ? "" : el("path", { ...strokeAttrs(style), d });
}

/** Short vertical ticks rising from the bottom edge at each x (one `<line>` per value), e.g. divergences. */
export function rugMark(
  panel: Panel,
  xs: ArrayLike<number>,
  style: StrokeStyle & { readonly length?: number } = {},
): string {
  const y = panel.rect.y + panel.rect.height;
  const len = style.length ?? 6;
  const lines: string[] = [];
  for (let i = 0; i < xs.length; i++) {
    const px = panel.x.map(xs[i]);
    if (Number.isFinite(px))
      lines.push(el("line", { class: style.className, x1: px, y1: y, x2: px, y2: y - len }));
  }
  return el(
    "g",
    {
      stroke: style.stroke ?? "#000000",
      "stroke-width": style.width ?? 1.2,
      "stroke-opacity":
        style.opacity !== undefined && style.opacity < 1 ? style.opacity : undefined,
    },
    lines,
  );
}
