/** Axis rendering: tick marks, tick labels (thinned so they never overlap) and an axis title. */
import { fmt } from "./format.js";
import type { Rect } from "./layout.js";
import type { Scale } from "./scale.js";
import { el } from "./svg.js";
import { estimateTextWidth, textMark } from "./text.js";
import { THEME } from "./theme.js";

/** Options for {@link renderAxis}. */
export interface AxisOptions {
  /** Which edge of the rectangle the axis sits on (`"right"`: e.g. a colour bar's axis). */
  readonly orient: "bottom" | "left" | "right";
  /** Explicit tick values; default `scale.ticks(tickCount)`. */
  readonly ticks?: readonly number[];
  /** Desired number of ticks when `ticks` is not given; default from the axis length. */
  readonly tickCount?: number;
  /** Draw tick labels (default true). */
  readonly showLabels?: boolean;
  /** Axis title (escaped). */
  readonly label?: string;
  /** Tick label formatter; default `scale.tickFormat(ticks)`. */
  readonly format?: (v: number) => string;
  readonly fontSize?: number;
  readonly labelFontSize?: number;
}

/** Default tick count for an axis of `length` pixels. */
export function defaultTickCount(length: number, orient: "bottom" | "left" | "right"): number {
  return Math.max(2, Math.min(8, Math.round(length / (orient === "bottom" ? 90 : 45))));
}

/** Tick values, pixel positions and label strings an axis would draw. */
export interface AxisTicks {
  readonly values: number[];
  readonly positions: number[];
  readonly labels: string[];
}

/** Resolve ticks for `scale` along `rect` (positions inside the rectangle only). */
export function axisTicks(scale: Scale, rect: Rect, opts: AxisOptions): AxisTicks {
  const length = opts.orient === "bottom" ? rect.width : rect.height;
  const raw = opts.ticks ?? scale.ticks(opts.tickCount ?? defaultTickCount(length, opts.orient));
  const format = opts.format ?? scale.tickFormat(raw);
  const lo = opts.orient === "bottom" ? rect.x : rect.y;
  const hi = lo + length;
  const values: number[] = [];
  const positions: number[] = [];
  const labels: string[] = [];
  for (const v of raw) {
    const p = scale.map(v);
    if (!Number.isFinite(p) || p < lo - 0.5 || p > hi + 0.5) continue;
    values.push(v);
    positions.push(p);
    labels.push(format(v));
  }
  return { values, positions, labels };
}

/** Smallest stride k such that keeping every k-th label leaves no overlaps. */
function labelStride(positions: readonly number[], extents: readonly number[]): number {
  for (let k = 1; k < positions.length; k++) {
    let ok = true;
    for (let i = k; i < positions.length && ok; i += k) {
      const gap = Math.abs(positions[i] - positions[i - k]);
      if (gap < (extents[i] + extents[i - k]) / 2 + 6) ok = false;
    }
    if (ok) return k;
  }
  return Math.max(1, positions.length);
}

/** Width in pixels the tick labels of a left axis need (for sizing margins). */
export function leftAxisLabelWidth(
  labels: readonly string[],
  fontSize = THEME.tickFontSize,
): number {
  return labels.reduce((m, s) => Math.max(m, estimateTextWidth(s, fontSize)), 0);
}

/** Render an axis along the bottom, left or right edge of `rect`. */
export function renderAxis(scale: Scale, rect: Rect, opts: AxisOptions): string {
  const size = opts.fontSize ?? THEME.tickFontSize;
  const labelSize = opts.labelFontSize ?? THEME.labelFontSize;
  const tl = THEME.tickLength;
  const { positions, labels } = axisTicks(scale, rect, opts);
  const showLabels = opts.showLabels ?? true;
  const parts: string[] = [];
  let d = "";
  if (opts.orient === "bottom") {
    const y = rect.y + rect.height;
    for (const p of positions) d += `M${fmt(p)} ${fmt(y)}v${tl}`;
    if (showLabels) {
      const widths = labels.map((s) => estimateTextWidth(s, size));
      const stride = labelStride(positions, widths);
      for (let i = 0; i < positions.length; i += stride) {
        parts.push(
          textMark(positions[i], y + tl + 2, labels[i], {
            size,
            anchor: "middle",
            baseline: "top",
          }),
        );
      }
    }
    if (opts.label !== undefined) {
      const ly = y + tl + (showLabels ? size + 8 : 4);
      parts.push(
        textMark(rect.x + rect.width / 2, ly, opts.label, {
          size: labelSize,
          anchor: "middle",
          baseline: "top",
          className: "axis-label",
        }),
      );
    }
  } else if (opts.orient === "right") {
    const x = rect.x + rect.width;
    for (const p of positions) d += `M${fmt(x)} ${fmt(p)}h${tl}`;
    let maxW = 0;
    if (showLabels) {
      const stride = labelStride(
        positions,
        labels.map(() => size),
      );
      for (let i = 0; i < positions.length; i += stride) {
        maxW = Math.max(maxW, estimateTextWidth(labels[i], size));
        parts.push(textMark(x + tl + 3, positions[i], labels[i], { size, baseline: "middle" }));
      }
    }
    if (opts.label !== undefined) {
      const lx = x + tl + (showLabels ? maxW + 9 : 4);
      parts.push(
        textMark(lx, rect.y + rect.height / 2, opts.label, {
          size: labelSize,
          anchor: "middle",
          baseline: "top",
          rotate: -90,
          className: "axis-label",
        }),
      );
    }
  } else {
    const x = rect.x;
    for (const p of positions) d += `M${fmt(x)} ${fmt(p)}h${-tl}`;
    let maxW = 0;
    if (showLabels) {
      const heights = labels.map(() => size);
      const stride = labelStride(positions, heights);
      for (let i = 0; i < positions.length; i += stride) {
        maxW = Math.max(maxW, estimateTextWidth(labels[i], size));
        parts.push(
          textMark(x - tl - 3, positions[i], labels[i], {
            size,
            anchor: "end",
            baseline: "middle",
          }),
        );
      }
    }
    if (opts.label !== undefined) {
      const lx = x - tl - (showLabels ? maxW + 9 : 4);
      parts.push(
        textMark(lx, rect.y + rect.height / 2, opts.label, {
          size: labelSize,
          anchor: "middle",
          baseline: "bottom",
          rotate: -90,
          className: "axis-label",
        }),
      );
    }
  }
  const tickPath = d === "" ? "" : el("path", { d, stroke: THEME.axisColor, "stroke-width": 1 });
  return el("g", { class: `axis axis-${opts.orient}` }, [tickPath, ...parts]);
}
