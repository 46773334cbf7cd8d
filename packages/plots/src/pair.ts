/**
 * Pair (corner) plot in the style of corner.py / ArviZ `plot_pair`: marginal
 * histograms with 16/50/84 % quantile lines and `name = m^{+u}_{−l}` titles on the
 * diagonal, pairwise scatter or smoothed 2-D histograms with 1σ/2σ contours below,
 * and reference ("truth") values as lines.
 */
import { axisTicks, leftAxisLabelWidth } from "./axis.js";
import { contourLines, contourMark } from "./contour.js";
import { formatWithUncertainty } from "./format.js";
import { densityLevels, histogram2d, SIGMA_MASSES_2D } from "./hist2d.js";
import { finiteExtent, histogram } from "./histogram.js";
import { gridLayout, type Rect } from "./layout.js";
import { type LegendEntry, legendMark } from "./legend.js";
import { histMark, ruleMark, scatterMark } from "./marks.js";
import { PALETTE } from "./palette.js";
import { clipToPanel, makePanel, type Panel, panelFrame } from "./panel.js";
import {
  type Component,
  checkDivergent,
  combineComponents,
  type Posterior,
  pooledDraws,
  posteriorDims,
  selectComponents,
} from "./posterior.js";
import { quantileSorted, sortedFinite } from "./quantile.js";
import type { Scale } from "./scale.js";
import { el, svgDocument } from "./svg.js";
import { supSubText, supSubWidth, textMark } from "./text.js";
import { THEME } from "./theme.js";

/** Options for {@link plotPair}. */
export interface PairOptions {
  /** Variables or components (`"theta[1]"`) to show; default all. */
  readonly varNames?: readonly string[];
  /** Reference values by component label, drawn as lines (corner.py "truths"). */
  readonly truths?: Readonly<Record<string, number>>;
  /**
   * Same as `truths` (ArviZ's name); both may be given, `referenceValues` wins on a clash.
   * With `combineDims`, keys are the combined labels (e.g. `"velocity"`).
   */
  readonly referenceValues?: Readonly<Record<string, number>>;
  /**
   * Concatenate component dimensions into the draws, as bayes_spec's `plot_pair`
   * (`combine_dims`): `true` combines every component dimension (all clouds of
   * `velocity` → one variable `velocity` with chain × draw × cloud points); a list of
   * names combines those dimensions (named by `VariableDraws.dims`). Variables without
   * them are repeated so that points stay paired.
   */
  readonly combineDims?: boolean | readonly string[];
  /** Divergence mask of shape [chain, draw]; divergent draws are highlighted in the scatter panels. */
  readonly divergent?: Uint8Array;
  /** Off-diagonal panels: points (default) or a smoothed 2-D histogram with 1σ/2σ contours. */
  readonly kind?: "scatter" | "contour";
  /** Histogram bins for diagonal and 2-D panels (default 30). */
  readonly bins?: number;
  /** Quantiles marked on the diagonal and used for titles (default [0.16, 0.5, 0.84]). */
  readonly quantiles?: readonly [number, number, number];
  /** Show `name = m^{+u}_{−l}` titles (default true). */
  readonly showTitles?: boolean;
  /** Side of each panel in pixels (default 150). */
  readonly panelSize?: number;
  /** Maximum number of components (default 8); a note says how many were left out. */
  readonly maxVars?: number;
  /** Maximum points per scatter panel (default 3000); draws are thinned by a fixed stride. */
  readonly maxPoints?: number;
  /** Figure title. */
  readonly title?: string;
}

/** Default cap on the number of components in a pair plot. */
export const PAIR_MAX_VARS = 8;

const DATA_COLOR = PALETTE[0];
const TRUTH_COLOR = PALETTE[3];
const DIVERGENT_COLOR = PALETTE[1];
const GAP = 8;

interface Marginal {
  readonly comp: Component;
  readonly pooled: Float64Array;
  readonly extent: [number, number];
  readonly q: [number, number, number];
}

function marginal(comp: Component, probs: readonly [number, number, number]): Marginal {
  const pooled = pooledDraws(comp);
  const sorted = sortedFinite(pooled);
  let [lo, hi] = finiteExtent(sorted) ?? [0, 1];
  const pad = hi > lo ? (hi - lo) * 0.03 : Math.abs(lo) * 0.05 || 0.5;
  lo -= pad;
  hi += pad;
  const q: [number, number, number] = [
    quantileSorted(sorted, probs[0]),
    quantileSorted(sorted, probs[1]),
    quantileSorted(sorted, probs[2]),
  ];
  return { comp, pooled, extent: [lo, hi], q };
}

/**
 * Ticks for a corner-plot axis, leaving out those within 12 % of either panel edge so
 * labels of neighbouring panels never collide (like matplotlib's pruned locators).
 */
function ticksFor(scale: Scale, rect: Rect, orient: "bottom" | "left"): number[] {
  const lo = orient === "bottom" ? rect.x : rect.y;
  const len = orient === "bottom" ? rect.width : rect.height;
  const base = Math.max(3, Math.round(rect.width / 45));
  let kept: number[] = [];
  // Pruning can leave a single tick (ticks 10, 15, 20 on [9.6, 20.4] keep only 15): ask for
  // denser ticks until at least two survive, so every axis shows its scale.
  for (let tickCount = base; tickCount <= base + 4 && kept.length < 2; tickCount++) {
    const t = axisTicks(scale, rect, { orient, tickCount });
    kept = t.values.filter((_, i) => {
      const f = (t.positions[i] - lo) / len;
      return f > 0.12 && f < 0.88;
    });
  }
  return kept;
}

/** Indices 0, s, 2s, … keeping at most `max` of `n`. */
function strideIndices(n: number, max: number): number[] {
  const s = Math.max(1, Math.ceil(n / Math.max(1, max)));
  const out: number[] = [];
  for (let i = 0; i < n; i += s) out.push(i);
  return out;
}

function diagonalTitle(m: Marginal, rect: Rect, room: number): string {
  const [lo, mid, hi] = m.q;
  const f = formatWithUncertainty(mid, hi - mid, mid - lo);
  const base = `${m.comp.label} = ${f.value}`;
  let size: number = THEME.labelFontSize;
  const w = supSubWidth(base, f.plus, f.minus, size);
  if (w > room) size = Math.max(7, (size * room) / w);
  const total = supSubWidth(base, f.plus, f.minus, size);
  const centred = total <= rect.width;
  return supSubText(centred ? rect.x + rect.width / 2 : rect.x, rect.y - 7, base, f.plus, f.minus, {
    size,
    anchor: centred ? "middle" : "start",
    className: "pair-title",
  });
}

function contourPanel(panel: Panel, xs: Float64Array, ys: Float64Array, bins: number): string[] {
  const h = histogram2d(xs, ys, {
    bins,
    xRange: panel.x.domain,
    yRange: panel.y.domain,
    smooth: 1.5,
  });
  const out: string[] = [];
  let vmax = 0;
  for (let i = 0; i < h.counts.length; i++) vmax = Math.max(vmax, h.counts[i]);
  if (!(vmax > 0)) return out;
  // Density shading: one rect per non-negligible cell, opacity proportional to density.
  const cells: string[] = [];
  for (let iy = 0; iy < h.ny; iy++) {
    for (let ix = 0; ix < h.nx; ix++) {
      const v = h.counts[iy * h.nx + ix] / vmax;
      if (v < 0.02) continue;
      const x0 = panel.x.map(h.xEdges[ix]);
      const x1 = panel.x.map(h.xEdges[ix + 1]);
      const y0 = panel.y.map(h.yEdges[iy + 1]);
      const y1 = panel.y.map(h.yEdges[iy]);
      cells.push(
        el("rect", {
          x: x0,
          y: y0,
          width: x1 - x0 + 0.3,
          height: y1 - y0 + 0.3,
          "fill-opacity": Math.round(v * 0.7 * 100) / 100,
        }),
      );
    }
  }
  out.push(el("g", { class: "density", fill: DATA_COLOR }, cells));
  // Contours on the bin-centre grid, padded with a ring of zeros so that curves close.
  const nx = h.nx + 2;
  const ny = h.ny + 2;
  const grid = new Float64Array(nx * ny);
  for (let iy = 0; iy < h.ny; iy++) {
    for (let ix = 0; ix < h.nx; ix++) grid[(iy + 1) * nx + ix + 1] = h.counts[iy * h.nx + ix];
  }
  const cx = new Float64Array(nx);
  const cy = new Float64Array(ny);
  const dx = h.xEdges[1] - h.xEdges[0];
  const dy = h.yEdges[1] - h.yEdges[0];
  for (let i = 0; i < nx; i++) cx[i] = h.xEdges[0] + (i - 0.5) * dx;
  for (let i = 0; i < ny; i++) cy[i] = h.yEdges[0] + (i - 0.5) * dy;
  const levels = densityLevels(h.counts, SIGMA_MASSES_2D);
  for (const level of levels) {
    if (!(level > 0)) continue;
    out.push(
      contourMark(panel, contourLines(grid, nx, ny, cx, cy, level), {
        stroke: "#1a1a1a",
        width: 1.1,
        className: "contour",
      }),
    );
  }
  return out;
}

/** Render a pair (corner) plot as an SVG document string; n components give n(n+1)/2 panels. */
export function plotPair(posterior: Posterior, opts: PairOptions = {}): string {
  const dims = posteriorDims(posterior);
  checkDivergent(opts.divergent, dims);
  const probs = opts.quantiles ?? [0.16, 0.5, 0.84];
  const combine = opts.combineDims;
  const combined =
    combine === undefined || combine === false || (Array.isArray(combine) && combine.length === 0)
      ? { components: selectComponents(posterior, opts.varNames), repeat: 1 }
      : combineComponents(
          posterior,
          opts.varNames,
          combine === true ? true : (combine as readonly string[]),
        );
  const all = combined.components;
  const truths: Readonly<Record<string, number>> | undefined =
    opts.truths !== undefined || opts.referenceValues !== undefined
      ? { ...opts.truths, ...opts.referenceValues }
      : undefined;
  const maxVars = Math.max(1, Math.floor(opts.maxVars ?? PAIR_MAX_VARS));
  const comps = all.slice(0, maxVars);
  const omitted = all.length - comps.length;
  const n = comps.length;
  const margs = comps.map((c) => marginal(c, probs));
  const bins = Math.max(2, Math.floor(opts.bins ?? 30));
  const kind = opts.kind ?? "scatter";
  const size = opts.panelSize ?? 150;
  const showTitles = opts.showTitles ?? true;
  const maxPoints = opts.maxPoints ?? 3000;

  // Left margin from the widest y tick label of the left column.
  const probe: Rect = { x: 0, y: 0, width: size, height: size };
  let labelW = 0;
  for (let i = 1; i < n; i++) {
    const p = makePanel("probe", probe, { x: [0, 1], y: margs[i].extent });
    const ticks = ticksFor(p.y, probe, "left");
    labelW = Math.max(labelW, leftAxisLabelWidth(ticks.map(p.y.tickFormat(ticks))));
  }
  const figTitle = opts.title !== undefined ? 30 : 0;
  const margin = {
    top: figTitle + (showTitles ? 30 : 12),
    right: showTitles ? 40 : 16,
    bottom: 52 + (omitted > 0 ? 18 : 0),
    left: (n > 1 ? labelW : 0) + THEME.tickLength + 30,
  };
  const width = margin.left + margin.right + n * size + (n - 1) * GAP;
  const height = margin.top + margin.bottom + n * size + (n - 1) * GAP;
  const grid = gridLayout({ width, height, rows: n, cols: n, margin, gapX: GAP, gapY: GAP });

  // Divergent draws; with combined dimensions each draw stands for `repeat` points.
  const divIdx: number[] = [];
  const rep = combined.repeat;
  opts.divergent?.forEach((v, i) => {
    if (v) for (let j = 0; j < rep; j++) divIdx.push(i * rep + j);
  });
  const pointIdx = strideIndices(margs[0]?.pooled.length ?? 0, maxPoints);

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
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const rect = grid[i][j];
      const mx = margs[j];
      const my = margs[i];
      const truthX = truths?.[mx.comp.label];
      const truthY = truths?.[my.comp.label];
      const marks: string[] = [];
      const overlay: string[] = [];
      let panel: Panel;
      if (i === j) {
        const h = histogram(mx.pooled, { bins, range: mx.extent });
        let cMax = 0;
        for (let k = 0; k < h.counts.length; k++) cMax = Math.max(cMax, h.counts[k]);
        panel = makePanel(`d${i}`, rect, { x: mx.extent, y: [0, cMax * 1.1 || 1] });
        marks.push(histMark(panel, h.edges, h.counts, { stroke: DATA_COLOR, className: "hist" }));
        for (const q of mx.q) {
          marks.push(
            ruleMark(panel, "x", q, {
              stroke: "#333333",
              width: 1,
              dash: "4 3",
              className: "quantile",
            }),
          );
        }
        if (truthX !== undefined) {
          marks.push(
            ruleMark(panel, "x", truthX, { stroke: TRUTH_COLOR, width: 1.5, className: "truth" }),
          );
        }
      } else {
        panel = makePanel(`p${i}-${j}`, rect, { x: mx.extent, y: my.extent });
        if (kind === "contour") {
          marks.push(...contourPanel(panel, mx.pooled, my.pooled, bins));
        } else {
          const xs = pointIdx.map((k) => mx.pooled[k]);
          const ys = pointIdx.map((k) => my.pooled[k]);
          marks.push(
            scatterMark(panel, xs, ys, {
              radius: 1.1,
              fill: DATA_COLOR,
              opacity: 0.35,
              className: "points",
            }),
          );
        }
        if (divIdx.length > 0) {
          marks.push(
            scatterMark(
              panel,
              divIdx.map((k) => mx.pooled[k]),
              divIdx.map((k) => my.pooled[k]),
              {
                radius: 2,
                fill: DIVERGENT_COLOR,
                stroke: "#000000",
                className: "divergent-points",
              },
            ),
          );
        }
        if (truthX !== undefined) {
          overlay.push(
            ruleMark(panel, "x", truthX, { stroke: TRUTH_COLOR, width: 1.5, className: "truth" }),
          );
        }
        if (truthY !== undefined) {
          overlay.push(
            ruleMark(panel, "y", truthY, { stroke: TRUTH_COLOR, width: 1.5, className: "truth" }),
          );
        }
        if (truthX !== undefined && truthY !== undefined) {
          overlay.push(
            scatterMark(panel, [truthX], [truthY], {
              radius: 3,
              fill: TRUTH_COLOR,
              className: "truth",
            }),
          );
        }
      }
      const bottomRow = i === n - 1;
      const leftCol = j === 0 && i > 0;
      const frame = panelFrame(panel, {
        xAxis: {
          ticks: ticksFor(makePanel("t", rect, { x: mx.extent, y: [0, 1] }).x, rect, "bottom"),
          showLabels: bottomRow,
          label: bottomRow ? mx.comp.label : undefined,
        },
        yAxis:
          i === j
            ? false
            : {
                ticks: ticksFor(panel.y, rect, "left"),
                showLabels: leftCol,
                label: leftCol ? my.comp.label : undefined,
              },
      });
      const parts = [clipToPanel(panel, [...marks, ...overlay]), frame];
      if (i === j && showTitles) {
        const room = rect.width + (i === n - 1 ? margin.right - 4 : size * 0.6);
        parts.push(diagonalTitle(mx, rect, room));
      }
      body.push(el("g", { class: "pair-panel" }, parts));
    }
  }
  const legend: LegendEntry[] = [];
  if (truths && Object.keys(truths).length > 0) {
    legend.push({ label: "reference value", color: TRUTH_COLOR, kind: "line" });
  }
  if (divIdx.length > 0)
    legend.push({ label: `divergent (${divIdx.length})`, color: DIVERGENT_COLOR, kind: "point" });
  legend.push({
    label: `quantiles ${probs.map((p) => `${Math.round(p * 1000) / 10}%`).join(", ")}`,
    color: "#333333",
    kind: "line",
    dash: "4 3",
  });
  if (kind === "contour") legend.push({ label: "1σ, 2σ contours", color: "#1a1a1a", kind: "line" });
  if (n > 1) {
    body.push(legendMark(legend, { x: width - margin.right, y: margin.top, fontSize: 11 }));
  }
  if (omitted > 0) {
    body.push(
      textMark(
        8,
        height - 8,
        `Showing the first ${n} of ${all.length} components (${comps[0].label} … ${comps[n - 1].label}); pass varNames or maxVars to choose others.`,
        { size: THEME.tickFontSize, fill: THEME.mutedColor, className: "note" },
      ),
    );
  }
  return svgDocument({ width, height, title: opts.title ?? "Pair plot" }, [
    el("g", { class: "pair-plot" }, body),
  ]);
}
