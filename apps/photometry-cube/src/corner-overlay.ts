/**
 * A corner plot of two posteriors over the same parameters, overlaid (the SAN's and NUTS's
 * for one galaxy), through @sidereal/plots' panels and marks: density histograms on the
 * diagonal, thinned draws below it, each posterior in its own colour, and the true value as
 * lines. (`plotPair` draws one posterior; this puts two on the same axes.)
 */
import {
  clipToPanel,
  el,
  gridLayout,
  histMark,
  histogram,
  legendMark,
  makePanel,
  PALETTE,
  panelFrame,
  ruleMark,
  scatterMark,
  svgDocument,
  textMark,
} from "@sidereal/plots";

export interface OverlaySet {
  readonly label: string;
  /** Draws (n, D), row-major. */
  readonly draws: Float64Array;
}

const extent = (sets: readonly OverlaySet[], D: number, j: number, truth?: number) => {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const s of sets)
    for (let i = j; i < s.draws.length; i += D) {
      const v = s.draws[i];
      if (Number.isFinite(v)) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  if (truth !== undefined && Number.isFinite(truth)) {
    lo = Math.min(lo, truth);
    hi = Math.max(hi, truth);
  }
  const pad = (hi - lo) * 0.05 || 0.5;
  return [lo - pad, hi + pad] as [number, number];
};

const column = (draws: Float64Array, D: number, j: number) => {
  const out = new Float64Array(draws.length / D);
  for (let i = 0; i < out.length; i++) out[i] = draws[i * D + j];
  return out;
};

/** The overlaid corner plot as an SVG document. */
export function cornerOverlay(
  names: readonly string[],
  sets: readonly OverlaySet[],
  opts: { truth?: ArrayLike<number>; title?: string; panelSize?: number; maxPoints?: number } = {},
): string {
  const D = names.length;
  const size = opts.panelSize ?? 110;
  const maxPoints = opts.maxPoints ?? 1500;
  const margin = { top: 60, right: 20, bottom: 50, left: 60 };
  const gap = 6;
  const width = margin.left + margin.right + D * size + (D - 1) * gap;
  const height = margin.top + margin.bottom + D * size + (D - 1) * gap;
  const grid = gridLayout({ width, height, rows: D, cols: D, margin, gapX: gap, gapY: gap });
  const colors = sets.map((_, k) => PALETTE[k === 0 ? 0 : 1]);
  const truthColor = PALETTE[3];
  const ext = names.map((_, j) => extent(sets, D, j, opts.truth?.[j]));
  const cols = sets.map((s) => names.map((_, j) => column(s.draws, D, j)));
  const body: string[] = [];
  if (opts.title !== undefined)
    body.push(textMark(width / 2, 24, opts.title, { size: 15, anchor: "middle", weight: "bold" }));
  for (let i = 0; i < D; i++)
    for (let j = 0; j <= i; j++) {
      const rect = grid[i][j];
      const marks: string[] = [];
      let panel: ReturnType<typeof makePanel>;
      if (i === j) {
        const hs = cols.map((c) => {
          const h = histogram(c[j], { bins: 30, range: ext[j] });
          const total = h.counts.reduce((a, b) => a + b, 0) || 1;
          return { edges: h.edges, counts: h.counts.map((v) => v / total) };
        });
        const top = Math.max(...hs.flatMap((h) => Array.from(h.counts))) * 1.1 || 1;
        panel = makePanel(`d${i}`, rect, { x: ext[j], y: [0, top] });
        hs.forEach((h, k) => {
          marks.push(histMark(panel, h.edges, h.counts, { stroke: colors[k], className: "hist" }));
        });
      } else {
        panel = makePanel(`p${i}-${j}`, rect, { x: ext[j], y: ext[i] });
        cols.forEach((c, k) => {
          const n = c[j].length;
          const stride = Math.max(1, Math.ceil(n / maxPoints));
          const xs: number[] = [];
          const ys: number[] = [];
          for (let r = 0; r < n; r += stride) {
            xs.push(c[j][r]);
            ys.push(c[i][r]);
          }
          marks.push(scatterMark(panel, xs, ys, { radius: 0.9, fill: colors[k], opacity: 0.3 }));
        });
        const ty = opts.truth?.[i];
        if (ty !== undefined)
          marks.push(ruleMark(panel, "y", ty, { stroke: truthColor, width: 1.2 }));
      }
      const tx = opts.truth?.[j];
      if (tx !== undefined)
        marks.push(ruleMark(panel, "x", tx, { stroke: truthColor, width: 1.2 }));
      const bottom = i === D - 1;
      const left = j === 0 && i > 0;
      const frame = panelFrame(panel, {
        xAxis: {
          tickCount: 3,
          showLabels: bottom,
          ...(bottom ? { label: names[j] } : {}),
          fontSize: 9,
        },
        yAxis:
          i === j
            ? false
            : { tickCount: 3, showLabels: left, ...(left ? { label: names[i] } : {}), fontSize: 9 },
      });
      body.push(el("g", { class: "corner-panel" }, [clipToPanel(panel, marks), frame]));
    }
  body.push(
    legendMark(
      [
        ...sets.map((s, k) => ({ label: s.label, color: colors[k], kind: "line" as const })),
        ...(opts.truth === undefined
          ? []
          : [{ label: "true value", color: truthColor, kind: "line" as const }]),
      ],
      { x: width - margin.right, y: margin.top, fontSize: 12 },
    ),
  );
  return svgDocument({ width, height, title: opts.title ?? "Corner plot" }, [
    el("g", { class: "corner-overlay" }, body),
  ]);
}
