/** Legends: a small boxed key of line, point and band samples with labels. */
import { el } from "./svg.js";
import { labelWidth, textMark } from "./text.js";
import { THEME } from "./theme.js";

/** One legend entry. */
export interface LegendEntry {
  readonly label: string;
  readonly color: string;
  readonly kind: "line" | "point" | "band" | "tick";
  readonly dash?: string;
  readonly opacity?: number;
  /** Outline of a `"point"` swatch (e.g. for white points). */
  readonly stroke?: string;
}

/** Placement and layout of a legend. */
export interface LegendOptions {
  /** Reference x: the legend's right edge when `align` is `"right"` (default), else its left edge. */
  readonly x: number;
  /** Top edge. */
  readonly y: number;
  readonly align?: "left" | "right";
  /** Lay entries out in one row instead of a column. */
  readonly horizontal?: boolean;
  readonly fontSize?: number;
  /** Draw a white box behind the entries (default true). */
  readonly box?: boolean;
}

const SWATCH = 18;

function swatch(e: LegendEntry, x: number, cy: number): string {
  if (e.kind === "point") {
    return el("circle", {
      cx: x + SWATCH / 2,
      cy,
      r: 3,
      fill: e.color,
      stroke: e.stroke,
      "stroke-width": e.stroke !== undefined ? 0.8 : undefined,
    });
  }
  if (e.kind === "tick") {
    return el("line", {
      x1: x + SWATCH / 2,
      y1: cy - 5,
      x2: x + SWATCH / 2,
      y2: cy + 5,
      stroke: e.color,
      "stroke-width": 1.5,
    });
  }
  if (e.kind === "band") {
    return el("rect", {
      x,
      y: cy - 5,
      width: SWATCH,
      height: 10,
      fill: e.color,
      "fill-opacity": e.opacity ?? 0.35,
    });
  }
  return el("line", {
    x1: x,
    y1: cy,
    x2: x + SWATCH,
    y2: cy,
    stroke: e.color,
    "stroke-width": 2,
    "stroke-dasharray": e.dash,
  });
}

/** Width and height a legend with these entries occupies. */
export function legendSize(
  entries: readonly LegendEntry[],
  opts: Pick<LegendOptions, "horizontal" | "fontSize"> = {},
): { width: number; height: number } {
  const size = opts.fontSize ?? THEME.tickFontSize;
  const itemW = entries.map((e) => SWATCH + 5 + labelWidth(e.label, size));
  const rowH = size + 6;
  if (opts.horizontal) {
    return { width: itemW.reduce((a, b) => a + b + 14, -14) + 12, height: rowH + 8 };
  }
  return { width: Math.max(0, ...itemW) + 12, height: rowH * entries.length + 8 };
}

/** Render a legend. Returns `""` for no entries. */
export function legendMark(entries: readonly LegendEntry[], opts: LegendOptions): string {
  if (entries.length === 0) return "";
  const size = opts.fontSize ?? THEME.tickFontSize;
  const { width, height } = legendSize(entries, opts);
  const left = (opts.align ?? "right") === "right" ? opts.x - width : opts.x;
  const rowH = size + 6;
  const parts: string[] = [];
  if (opts.box ?? true) {
    parts.push(
      el("rect", {
        x: left,
        y: opts.y,
        width,
        height,
        fill: "#ffffff",
        "fill-opacity": 0.85,
        stroke: "#cccccc",
        "stroke-width": 0.8,
        rx: 3,
      }),
    );
  }
  let x = left + 6;
  let y = opts.y + 4 + rowH / 2;
  for (const e of entries) {
    parts.push(swatch(e, x, y));
    parts.push(textMark(x + SWATCH + 5, y, e.label, { size, baseline: "middle" }));
    if (opts.horizontal) x += SWATCH + 5 + labelWidth(e.label, size) + 14;
    else y += rowH;
  }
  return el("g", { class: "legend" }, parts);
}
