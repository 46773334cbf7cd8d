/** Single-panel figure scaffold shared by the simple plots: margins sized to the tick labels, title, legend. */
import { axisTicks, leftAxisLabelWidth } from "./axis.js";
import type { Rect } from "./layout.js";
import { type LegendEntry, legendMark, legendSize } from "./legend.js";
import { clipToPanel, makePanel, type Panel, panelFrame } from "./panel.js";
import type { ScaleType } from "./scale.js";
import { el, svgDocument } from "./svg.js";
import { labelPlainText, textMark } from "./text.js";
import { THEME } from "./theme.js";

/** Layout and axis options of a single-panel figure. */
export interface FigureOptions {
  readonly width?: number;
  readonly height?: number;
  readonly title?: string;
  readonly xLabel?: string;
  readonly yLabel?: string;
  readonly xScale?: ScaleType;
  readonly yScale?: ScaleType;
}

/** Everything {@link singlePanelFigure} needs besides the marks. */
export interface FigureSpec extends FigureOptions {
  readonly xDomain: readonly [number, number];
  readonly yDomain: readonly [number, number];
  readonly legend?: readonly LegendEntry[];
  /** Data the legend should not cover; it goes to the panel corner hiding the fewest points. */
  readonly avoid?: readonly { readonly x: ArrayLike<number>; readonly y: ArrayLike<number> }[];
  /** CSS class of the root group, e.g. `"predictive-plot"`. */
  readonly className: string;
  /** Extra room in pixels right of the panel (e.g. for a colour bar); default 0. */
  readonly rightMargin?: number;
  /** Extra marks drawn outside the panel's clip region, after its frame (colour bars). */
  readonly decorate?: (panel: Panel) => string[];
}

/**
 * Padded extent of the finite values in `arrays` (positive values only when `log`);
 * `[0, 1]` (or `[1, 10]`) when there are none.
 */
export function dataExtent(
  arrays: readonly ArrayLike<number>[],
  opts: { readonly pad?: number; readonly log?: boolean } = {},
): [number, number] {
  const log = opts.log ?? false;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (!Number.isFinite(v) || (log && !(v > 0))) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!Number.isFinite(lo)) return log ? [1, 10] : [0, 1];
  const pad = opts.pad ?? 0.04;
  if (log) {
    const f = (hi / lo) ** pad;
    return hi > lo ? [lo / f, hi * f] : [lo / 2, hi * 2];
  }
  const d = hi > lo ? (hi - lo) * pad : Math.abs(lo) * 0.05 || 0.5;
  return [lo - d, hi + d];
}

/**
 * Legend position (right edge and top) in the corner of the panel that covers the fewest
 * of the `avoid` points; ties keep the earlier corner (top right, top left, bottom right, bottom left).
 */
function legendPlacement(
  panel: Panel,
  legend: readonly LegendEntry[],
  avoid: readonly { readonly x: ArrayLike<number>; readonly y: ArrayLike<number> }[],
): { x: number; y: number } {
  const { rect } = panel;
  const { width, height } = legendSize(legend);
  const inset = 8;
  const corners = [
    { x: rect.x + rect.width - inset, y: rect.y + inset },
    { x: rect.x + inset + width, y: rect.y + inset },
    { x: rect.x + rect.width - inset, y: rect.y + rect.height - inset - height },
    { x: rect.x + inset + width, y: rect.y + rect.height - inset - height },
  ];
  const hits = corners.map(() => 0);
  for (const series of avoid) {
    const n = Math.min(series.x.length, series.y.length);
    for (let i = 0; i < n; i++) {
      const px = panel.x.map(series.x[i]);
      const py = panel.y.map(series.y[i]);
      corners.forEach((c, k) => {
        if (px >= c.x - width - 4 && px <= c.x + 4 && py >= c.y - 4 && py <= c.y + height + 4)
          hits[k]++;
      });
    }
  }
  let best = 0;
  for (let k = 1; k < corners.length; k++) if (hits[k] < hits[best]) best = k;
  return corners[best];
}

/**
 * Render one panel with axes, optional title and legend; `draw` returns the marks (clipped
 * to the panel). A reversed domain (`yDomain: [hi, lo]`) gives an inverted axis, e.g. for
 * magnitudes.
 */
export function singlePanelFigure(spec: FigureSpec, draw: (panel: Panel) => string[]): string {
  const width = spec.width ?? 720;
  const height = spec.height ?? 440;
  const probeRect: Rect = { x: 0, y: 0, width: width * 0.8, height: height * 0.7 };
  const probe = makePanel("probe", probeRect, {
    x: spec.xDomain,
    y: spec.yDomain,
    xType: spec.xScale,
    yType: spec.yScale,
  });
  const labelW = leftAxisLabelWidth(axisTicks(probe.y, probeRect, { orient: "left" }).labels);
  const top = spec.title !== undefined ? 40 : 16;
  const left = labelW + THEME.tickLength + (spec.yLabel !== undefined ? 28 : 10);
  const bottom = THEME.tickLength + 20 + (spec.xLabel !== undefined ? 22 : 0) + 6;
  const right = 20 + (spec.rightMargin ?? 0);
  const rect: Rect = {
    x: left,
    y: top,
    width: width - left - right,
    height: height - top - bottom,
  };
  const panel = makePanel("main", rect, {
    x: spec.xDomain,
    y: spec.yDomain,
    xType: spec.xScale,
    yType: spec.yScale,
  });
  const body: string[] = [];
  if (spec.title !== undefined) {
    body.push(
      textMark(rect.x + rect.width / 2, 24, spec.title, {
        size: THEME.figureTitleFontSize,
        anchor: "middle",
        weight: "bold",
      }),
    );
  }
  body.push(clipToPanel(panel, draw(panel)));
  body.push(
    panelFrame(panel, {
      xAxis: { label: spec.xLabel },
      yAxis: { label: spec.yLabel },
    }),
  );
  if (spec.decorate) body.push(...spec.decorate(panel));
  if (spec.legend && spec.legend.length > 0) {
    body.push(legendMark(spec.legend, legendPlacement(panel, spec.legend, spec.avoid ?? [])));
  }
  return svgDocument({ width, height, title: labelPlainText(spec.title ?? spec.className) }, [
    el("g", { class: spec.className }, body),
  ]);
}
