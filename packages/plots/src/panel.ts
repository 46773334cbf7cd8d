/** A panel: a rectangle with an x and a y scale, plus its frame (box, axes, title) and clipping. */
import { type AxisOptions, renderAxis } from "./axis.js";
import type { Rect } from "./layout.js";
import { makeScale, type Scale, type ScaleType } from "./scale.js";
import { el } from "./svg.js";
import { labelWidth, textMark } from "./text.js";
import { THEME } from "./theme.js";

/** A plotting panel. `id` must be unique within one SVG document (used for its clip path). */
export interface Panel {
  readonly id: string;
  readonly rect: Rect;
  readonly x: Scale;
  readonly y: Scale;
}

/** Domains and scale types for {@link makePanel}. */
export interface PanelDomains {
  readonly x: readonly [number, number];
  readonly y: readonly [number, number];
  readonly xType?: ScaleType;
  readonly yType?: ScaleType;
}

/** Create a panel whose scales map the domains onto `rect` (y increasing upwards). */
export function makePanel(id: string, rect: Rect, domains: PanelDomains): Panel {
  return {
    id,
    rect,
    x: makeScale(domains.xType ?? "linear", domains.x, [rect.x, rect.x + rect.width]),
    y: makeScale(domains.yType ?? "linear", domains.y, [rect.y + rect.height, rect.y]),
  };
}

/** Options for {@link panelFrame}. */
export interface FrameOptions {
  /** Bottom axis; `false` hides it entirely. */
  readonly xAxis?: Omit<AxisOptions, "orient"> | false;
  /** Left axis; `false` hides it entirely. */
  readonly yAxis?: Omit<AxisOptions, "orient"> | false;
  /** Title above the panel (escaped); shrunk to fit the panel width. */
  readonly title?: string;
  /** Draw the surrounding box (default true). */
  readonly box?: boolean;
}

/** Font size at which `s` fits in `width` pixels, between `min` and `max`. */
export function fitFontSize(s: string, width: number, max: number, min = 8): number {
  const w = labelWidth(s, max);
  return w <= width ? max : Math.max(min, (max * width) / w);
}

/** Frame of a panel: box, axes and title. Draw it after the marks so the box stays on top. */
export function panelFrame(panel: Panel, opts: FrameOptions = {}): string {
  const { rect } = panel;
  const parts: string[] = [];
  if (opts.box ?? true) {
    parts.push(
      el("rect", {
        x: rect.x,
        y: rect.y,
        width: rect.width,
        height: rect.height,
        fill: "none",
        stroke: THEME.axisColor,
        "stroke-width": 0.8,
      }),
    );
  }
  if (opts.xAxis !== false)
    parts.push(renderAxis(panel.x, rect, { ...opts.xAxis, orient: "bottom" }));
  if (opts.yAxis !== false)
    parts.push(renderAxis(panel.y, rect, { ...opts.yAxis, orient: "left" }));
  if (opts.title !== undefined) {
    const size = fitFontSize(opts.title, rect.width, THEME.titleFontSize);
    parts.push(
      textMark(rect.x + rect.width / 2, rect.y - 6, opts.title, {
        size,
        anchor: "middle",
        className: "panel-title",
      }),
    );
  }
  return el("g", { class: "frame" }, parts);
}

/** Wrap marks in a group clipped to the panel rectangle (the clip path is emitted alongside). */
export function clipToPanel(panel: Panel, marks: readonly string[]): string {
  const { rect } = panel;
  const clipId = `clip-${panel.id}`;
  const clip = el(
    "clipPath",
    { id: clipId },
    el("rect", { x: rect.x, y: rect.y, width: rect.width, height: rect.height }),
  );
  return clip + el("g", { "clip-path": `url(#${clipId})` }, marks);
}
