/**
 * Trace plot in the style of ArviZ's `plot_trace`: one row per variable component,
 * left a KDE of each chain, right the draws of each chain against iteration, with
 * divergent transitions marked as ticks on the trace panel's x axis.
 */
import { axisTicks, leftAxisLabelWidth } from "./axis.js";
import { minMaxDecimate } from "./decimate.js";
import { finiteExtent } from "./histogram.js";
import { gaussianKde } from "./kde.js";
import { gridLayout } from "./layout.js";
import { type LegendEntry, legendMark } from "./legend.js";
import { lineMark, rugMark } from "./marks.js";
import { dashPattern, paletteColor } from "./palette.js";
import { clipToPanel, makePanel, type Panel, panelFrame } from "./panel.js";
import {
  type Component,
  checkDivergent,
  type Posterior,
  posteriorDims,
  selectComponents,
} from "./posterior.js";
import { el, svgDocument } from "./svg.js";
import { textMark } from "./text.js";
import { THEME } from "./theme.js";

/** Options for {@link plotTrace}. */
export interface TraceOptions {
  /** Variables or components (`"theta[1]"`) to show; default all. */
  readonly varNames?: readonly string[];
  /** Divergence mask of shape [chain, draw] (1 = divergent). */
  readonly divergent?: Uint8Array;
  /** One row per variable with components overlaid (colour = component, dash = chain). */
  readonly compact?: boolean;
  /** Maximum number of rows (default 16); a note under the plot says how many were left out. */
  readonly maxRows?: number;
  /** Figure width in pixels (default 900). */
  readonly width?: number;
  /** Height of each row in pixels (default 150). */
  readonly rowHeight?: number;
  /** Figure title. */
  readonly title?: string;
}

/** Default cap on trace-plot rows. */
export const TRACE_MAX_ROWS = 16;

/** A row of the trace plot: a title and the components drawn in it. */
interface TraceRow {
  readonly title: string;
  readonly components: readonly Component[];
}

function buildRows(components: readonly Component[], compact: boolean): TraceRow[] {
  if (!compact) return components.map((c) => ({ title: c.label, components: [c] }));
  const rows: TraceRow[] = [];
  const byVar = new Map<string, Component[]>();
  for (const c of components) {
    let list = byVar.get(c.variable);
    if (!list) {
      list = [];
      byVar.set(c.variable, list);
      rows.push({ title: c.variable, components: list });
    }
    list.push(c);
  }
  return rows;
}

function rowExtent(row: TraceRow): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const c of row.components) {
    for (const ch of c.chains) {
      const e = finiteExtent(ch);
      if (e) {
        lo = Math.min(lo, e[0]);
        hi = Math.max(hi, e[1]);
      }
    }
  }
  if (!Number.isFinite(lo)) return [0, 1];
  const pad = hi > lo ? (hi - lo) * 0.04 : Math.abs(lo) * 0.05 || 0.5;
  return [lo - pad, hi + pad];
}

/** Render a trace plot as an SVG document string. */
export function plotTrace(posterior: Posterior, opts: TraceOptions = {}): string {
  const dims = posteriorDims(posterior);
  checkDivergent(opts.divergent, dims);
  const compact = opts.compact ?? false;
  const allRows = buildRows(selectComponents(posterior, opts.varNames), compact);
  const maxRows = Math.max(1, Math.floor(opts.maxRows ?? TRACE_MAX_ROWS));
  const rows = allRows.slice(0, maxRows);
  const omitted = allRows.length - rows.length;
  const width = opts.width ?? 900;
  const rowHeight = opts.rowHeight ?? 150;
  const nChains = dims.chains;
  const extents = rows.map(rowExtent);

  // Size the gap between KDE and trace panels from the widest y tick label of the trace panels.
  const probe = { x: 0, y: 0, width: 100, height: rowHeight - 44 };
  let labelW = 0;
  for (const ext of extents) {
    const p = makePanel("probe", probe, { x: [0, 1], y: ext });
    labelW = Math.max(labelW, leftAxisLabelWidth(axisTicks(p.y, probe, { orient: "left" }).labels));
  }
  const titleH = opts.title !== undefined ? 30 : 0;
  const top = titleH + 24 + 24;
  const bottom = 34 + (omitted > 0 ? 18 : 0);
  const height = top + bottom + rows.length * rowHeight;
  const grid = gridLayout({
    width,
    height,
    rows: rows.length,
    cols: 2,
    margin: { top, right: 20, bottom, left: 24 },
    gapX: labelW + THEME.tickLength + 16,
    gapY: 44,
    colWeights: [1, 1.7],
  });

  const body: string[] = [];
  if (opts.title !== undefined) {
    body.push(
      textMark(width / 2, 22, opts.title, {
        size: THEME.figureTitleFontSize,
        anchor: "middle",
        weight: "bold",
      }),
    );
  }
  rows.forEach((row, r) => {
    const [kdeRect, traceRect] = grid[r];
    const ext = extents[r];
    const kdes = row.components.flatMap((c) =>
      c.chains.map((ch) => gaussianKde(ch, { extent: ext, gridSize: 200 })),
    );
    let dMax = 0;
    for (const k of kdes)
      for (let i = 0; i < k.density.length; i++) dMax = Math.max(dMax, k.density[i]);
    const kdePanel: Panel = makePanel(`r${r}-kde`, kdeRect, {
      x: ext,
      y: [0, dMax > 0 ? dMax * 1.08 : 1],
    });
    const tracePanel: Panel = makePanel(`r${r}-trace`, traceRect, {
      x: [0, Math.max(1, dims.draws - 1)],
      y: ext,
    });
    const kdeLines: string[] = [];
    const traceLines: string[] = [];
    const buckets = Math.max(1, Math.round(traceRect.width));
    row.components.forEach((c, ci) => {
      c.chains.forEach((ch, chain) => {
        const color = compact ? paletteColor(ci) : paletteColor(chain);
        const dash = compact ? dashPattern(chain) : undefined;
        const kde = kdes[ci * nChains + chain];
        kdeLines.push(
          lineMark(kdePanel, kde.x, kde.density, { stroke: color, dash, className: "kde-line" }),
        );
        const keep = minMaxDecimate(ch, buckets);
        const xs = new Float64Array(keep.length);
        const ys = new Float64Array(keep.length);
        keep.forEach((idx, j) => {
          xs[j] = idx;
          ys[j] = ch[idx];
        });
        traceLines.push(
          lineMark(tracePanel, xs, ys, {
            stroke: color,
            dash,
            width: 0.8,
            opacity: 0.75,
            className: "trace-line",
          }),
        );
      });
    });
    body.push(clipToPanel(kdePanel, kdeLines));
    body.push(clipToPanel(tracePanel, traceLines));
    if (opts.divergent) {
      const marks: number[] = [];
      for (let c = 0; c < dims.chains; c++) {
        for (let d = 0; d < dims.draws; d++) if (opts.divergent[c * dims.draws + d]) marks.push(d);
      }
      if (marks.length > 0)
        body.push(rugMark(tracePanel, marks, { className: "divergence", length: 7 }));
    }
    body.push(panelFrame(kdePanel, { title: row.title, yAxis: { showLabels: false, ticks: [] } }));
    body.push(panelFrame(tracePanel, { title: row.title }));
  });

  const legend: LegendEntry[] = [];
  for (let c = 0; c < nChains && c < 8; c++) {
    legend.push({
      label: `chain ${c}`,
      color: compact ? THEME.axisColor : paletteColor(c),
      kind: "line",
      dash: compact ? dashPattern(c) : undefined,
    });
  }
  if (opts.divergent?.some((v) => v !== 0)) {
    legend.push({ label: "divergent draw", color: "#000000", kind: "tick" });
  }
  body.push(legendMark(legend, { x: width - 16, y: titleH + 4, horizontal: true, box: false }));
  if (omitted > 0) {
    body.push(
      textMark(
        16,
        height - 8,
        `Showing the first ${rows.length} of ${allRows.length} rows (${rows[0].title} … ${rows[rows.length - 1].title}); pass varNames or maxRows to choose others.`,
        { size: THEME.tickFontSize, fill: THEME.mutedColor, className: "note" },
      ),
    );
  }
  return svgDocument({ width, height, title: opts.title ?? "Trace plot" }, [
    el("g", { class: "trace-plot" }, body),
  ]);
}
