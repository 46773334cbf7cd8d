/**
 * The app's figures, drawn with @sidereal/plots' SVG layer (single-panel scaffold,
 * marks, legend): 1-D density fits on a log axis, and the GD-1 density as an image of
 * grid cells with the stars and the fitted track over it (the plots package has no
 * image plot, so the cells are drawn here as rectangles).
 */
import {
  bandMark,
  el,
  type LegendEntry,
  lineMark,
  PALETTE,
  type Panel,
  plotLines,
  scatterMark,
  singlePanelFigure,
  stepMark,
} from "@sidereal/plots";

/** A line on a density figure. */
export interface DensityLine {
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  readonly label: string;
  readonly color: string;
  readonly dash?: string;
}

/** Inputs of {@link densityFigure1d}; densities in counts per unit z. */
export interface DensityFigure1d {
  readonly title: string;
  /** Histogram density: bin centres and counts / bin width (drawn as steps). */
  readonly observed: { readonly x: ArrayLike<number>; readonly y: ArrayLike<number> };
  readonly lines: readonly DensityLine[];
  /** A shaded band (e.g. the 16–84 % posterior interval). */
  readonly band?: {
    readonly x: ArrayLike<number>;
    readonly lo: ArrayLike<number>;
    readonly hi: ArrayLike<number>;
    readonly label: string;
  };
  /** Points (e.g. the spline knots at their fitted density). */
  readonly points?: {
    readonly x: ArrayLike<number>;
    readonly y: ArrayLike<number>;
    readonly label: string;
  };
  readonly xDomain: readonly [number, number];
}

/** Histogram density with model curves on a log y axis (the seed's density plots). */
export function densityFigure1d(f: DensityFigure1d): string {
  let ymax = 0;
  for (let i = 0; i < f.observed.y.length; i++) ymax = Math.max(ymax, f.observed.y[i]);
  const legend: LegendEntry[] = [
    { label: "data (histogram)", color: "#555555", kind: "line" },
    ...(f.band
      ? [{ label: f.band.label, color: PALETTE[0], kind: "band" as const, opacity: 0.35 }]
      : []),
    ...f.lines.map((l) => ({
      label: l.label,
      color: l.color,
      kind: "line" as const,
      dash: l.dash,
    })),
    ...(f.points ? [{ label: f.points.label, color: PALETTE[3], kind: "point" as const }] : []),
  ];
  return singlePanelFigure(
    {
      title: f.title,
      xLabel: "z",
      yLabel: "density n(z)",
      yScale: "log",
      xDomain: f.xDomain,
      yDomain: [ymax * 1e-5, ymax * 3],
      legend,
      avoid: [f.observed],
      className: "density-1d",
      width: 760,
      height: 460,
    },
    (panel) => [
      ...(f.band
        ? [bandMark(panel, f.band.x, f.band.lo, f.band.hi, { fill: PALETTE[0], opacity: 0.35 })]
        : []),
      stepMark(panel, f.observed.x, f.observed.y, "mid", { stroke: "#555555", width: 1.2 }),
      ...f.lines.map((l) =>
        lineMark(panel, l.x, l.y, { stroke: l.color, width: 1.8, dash: l.dash }),
      ),
      ...(f.points
        ? [scatterMark(panel, f.points.x, f.points.y, { radius: 3.5, fill: PALETTE[3] })]
        : []),
    ],
  );
}

/** Initial and optimised knot values of one spline block. */
export function knotsFigure(
  title: string,
  knots: ArrayLike<number>,
  initial: ArrayLike<number>,
  optimised: ArrayLike<number>,
  yLabel: string,
): string {
  return plotLines(
    [
      { x: knots, y: initial, label: "initial", color: "#aaaaaa" },
      { x: knots, y: optimised, label: "optimised", color: "#000000" },
    ],
    { title, xLabel: "knot position", yLabel, width: 620, height: 360 },
  );
}

/** Inputs of {@link streamDensityImage}. */
export interface StreamImage {
  readonly title: string;
  /** Cell centres along φ₁ (nx) and φ₂ (ny) and the density at them, row-major [ny, nx]. */
  readonly cx: Float64Array;
  readonly cy: Float64Array;
  readonly density: Float64Array;
  readonly phi1: Float64Array;
  readonly phi2: Float64Array;
  /** Fitted stream track m(φ₁). */
  readonly track: { readonly x: Float64Array; readonly y: Float64Array };
  /** Optional per-star colour weights in [0, 1] (membership); stars with w > 0.5 are highlighted. */
  readonly weight?: Float64Array;
}

/** White → dark blue ramp for t in [0, 1] (sqrt-stretched by the caller if wanted). */
function blues(t: number): string {
  const c0 = [247, 251, 255];
  const c1 = [8, 48, 107];
  const u = Math.min(1, Math.max(0, t));
  const h = (k: number) =>
    Math.round(c0[k] + (c1[k] - c0[k]) * u)
      .toString(16)
      .padStart(2, "0");
  return `#${h(0)}${h(1)}${h(2)}`;
}

function cells(panel: Panel, s: StreamImage): string {
  const nx = s.cx.length;
  const ny = s.cy.length;
  let vmax = 0;
  for (const v of s.density) if (Number.isFinite(v)) vmax = Math.max(vmax, v);
  const hx = nx > 1 ? (s.cx[1] - s.cx[0]) / 2 : 0.5;
  const hy = ny > 1 ? (s.cy[1] - s.cy[0]) / 2 : 0.5;
  const rects: string[] = [];
  for (let j = 0; j < ny; j++)
    for (let i = 0; i < nx; i++) {
      const x0 = panel.x.map(s.cx[i] - hx);
      const x1 = panel.x.map(s.cx[i] + hx);
      const y0 = panel.y.map(s.cy[j] + hy);
      const y1 = panel.y.map(s.cy[j] - hy);
      const t = vmax > 0 ? Math.sqrt(s.density[j * nx + i] / vmax) : 0;
      rects.push(
        el("rect", {
          x: x0,
          y: y0,
          width: x1 - x0 + 0.3,
          height: y1 - y0 + 0.3,
          fill: blues(t),
        }),
      );
    }
  return el("g", { class: "density-image" }, rects);
}

/** The fitted 2-D density as an image with the stars and the track over it. */
export function streamDensityImage(s: StreamImage): string {
  const legend: LegendEntry[] = [
    { label: "stars", color: "#444444", kind: "point" },
    ...(s.weight ? [{ label: "p(stream) > 0.5", color: PALETTE[1], kind: "point" as const }] : []),
    { label: "fitted track", color: PALETTE[3], kind: "line" },
  ];
  const members = s.weight
    ? Array.from(s.weight.keys()).filter((i) => (s.weight?.[i] ?? 0) > 0.5)
    : [];
  return singlePanelFigure(
    {
      title: s.title,
      xLabel: "φ₁ [deg]",
      yLabel: "φ₂ [deg]",
      xDomain: [-100, 20],
      yDomain: [-7, 5],
      legend,
      className: "stream-density-image",
      width: 1100,
      height: 330,
    },
    (panel) => [
      cells(panel, s),
      scatterMark(panel, s.phi1, s.phi2, { radius: 1.3, fill: "#444444", opacity: 0.45 }),
      ...(members.length > 0
        ? [
            scatterMark(
              panel,
              members.map((i) => s.phi1[i]),
              members.map((i) => s.phi2[i]),
              { radius: 1.6, fill: PALETTE[1], opacity: 0.9 },
            ),
          ]
        : []),
      lineMark(panel, s.track.x, s.track.y, { stroke: PALETTE[3], width: 1.6, dash: "6 3" }),
    ],
  );
}
