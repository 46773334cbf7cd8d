/**
 * Posterior predictive check: observed data as points over the median of the
 * predictive draws and shaded central credible bands (e.g. 68 % and 95 %).
 */
import { dataExtent, type FigureOptions, singlePanelFigure } from "./figure.js";
import type { LegendEntry } from "./legend.js";
import { bandMark, errorBarMark, lineMark, scatterMark } from "./marks.js";
import { PALETTE } from "./palette.js";
import { quantileSorted } from "./quantile.js";

/** Input of {@link plotPredictive}. */
export interface PredictiveInput extends FigureOptions {
  /** Abscissae of the observations (need not be sorted). */
  readonly x: ArrayLike<number>;
  /** Observed values at `x`. */
  readonly observed: ArrayLike<number>;
  /** Optional 1-σ errors of the observations, drawn as error bars. */
  readonly observedErr?: ArrayLike<number>;
  /** Predictive draws: `draws[k][i]` is draw k at x[i]. */
  readonly draws: readonly ArrayLike<number>[];
  /** Central credible masses to shade (default [0.68, 0.95]). */
  readonly bands?: readonly number[];
}

/** Per-x median and lower/upper band limits of the predictive draws (x in the given order). */
export interface PredictiveSummary {
  readonly median: Float64Array;
  readonly lower: readonly Float64Array[];
  readonly upper: readonly Float64Array[];
}

/** Median and central intervals of `draws` at each x for each band mass. */
export function summarisePredictive(
  draws: readonly ArrayLike<number>[],
  nX: number,
  bands: readonly number[],
): PredictiveSummary {
  const median = new Float64Array(nX);
  const lower = bands.map(() => new Float64Array(nX));
  const upper = bands.map(() => new Float64Array(nX));
  const column: number[] = [];
  for (let i = 0; i < nX; i++) {
    column.length = 0;
    for (const d of draws) if (Number.isFinite(d[i])) column.push(d[i]);
    const sorted = Float64Array.from(column).sort();
    median[i] = quantileSorted(sorted, 0.5);
    bands.forEach((b, k) => {
      lower[k][i] = quantileSorted(sorted, (1 - b) / 2);
      upper[k][i] = quantileSorted(sorted, (1 + b) / 2);
    });
  }
  return { median, lower, upper };
}

/** Render a posterior predictive check as an SVG document string. */
export function plotPredictive(input: PredictiveInput): string {
  const nX = Math.min(input.x.length, input.observed.length);
  for (const [k, d] of input.draws.entries()) {
    if (d.length < nX) throw new RangeError(`draws[${k}] has ${d.length} values, expected ${nX}`);
  }
  const bands = [...(input.bands ?? [0.68, 0.95])].sort((a, b) => b - a);
  for (const b of bands) {
    if (!(b > 0 && b < 1)) throw new RangeError(`band masses must be in (0, 1), got ${b}`);
  }
  const order = Array.from({ length: nX }, (_, i) => i).sort(
    (a, b) => input.x[a] - input.x[b] || a - b,
  );
  const xs = Float64Array.from(order, (i) => input.x[i]);
  const obs = Float64Array.from(order, (i) => input.observed[i]);
  const err = input.observedErr
    ? Float64Array.from(order, (i) => input.observedErr?.[i] ?? 0)
    : undefined;
  const sortedDraws = input.draws.map((d) => Float64Array.from(order, (i) => d[i]));
  const summary = summarisePredictive(sortedDraws, nX, bands);
  const log = input.yScale === "log";
  const yArrays: ArrayLike<number>[] = [obs, summary.median, ...summary.lower, ...summary.upper];
  if (err)
    yArrays.push(
      obs.map((v, i) => v + err[i]),
      obs.map((v, i) => v - err[i]),
    );
  const color = PALETTE[0];
  const opacities = bands.map((_, k) => 0.18 + (0.22 * k) / Math.max(1, bands.length - 1));
  const legend: LegendEntry[] = [
    { label: "observed", color: "#000000", kind: "point" },
    { label: "predictive median", color, kind: "line" },
    ...bands
      .map((b, k) => ({
        label: `${Math.round(b * 1000) / 10}% band`,
        color,
        kind: "band" as const,
        // Narrower bands are drawn over wider ones, so show the composited opacity.
        opacity: 1 - opacities.slice(0, k + 1).reduce((acc, o) => acc * (1 - o), 1),
      }))
      .reverse(),
  ];
  return singlePanelFigure(
    {
      ...input,
      xDomain: dataExtent([xs], { log: input.xScale === "log", pad: 0.02 }),
      yDomain: dataExtent(yArrays, { log }),
      legend,
      avoid: [
        { x: xs, y: obs },
        { x: xs, y: summary.median },
        ...bands.flatMap((_, k) => [
          { x: xs, y: summary.lower[k] },
          { x: xs, y: summary.upper[k] },
        ]),
      ],
      className: "predictive-plot",
    },
    (panel) => [
      ...bands.map((_, k) =>
        bandMark(panel, xs, summary.lower[k], summary.upper[k], {
          fill: color,
          opacity: opacities[k],
          className: "band",
        }),
      ),
      lineMark(panel, xs, summary.median, { stroke: color, width: 1.8, className: "median" }),
      err ? errorBarMark(panel, xs, obs, err, err, { stroke: "#000000", width: 1 }) : "",
      scatterMark(panel, xs, obs, { radius: 2.6, fill: "#000000", className: "observed" }),
    ],
  );
}
