/** Spectrum plot: data per channel as a step line with error bars, model curves overlaid as steps. */
import { dataExtent, type FigureOptions, singlePanelFigure } from "./figure.js";
import type { LegendEntry } from "./legend.js";
import { errorBarMark, stepMark } from "./marks.js";
import { paletteColor } from "./palette.js";

/** A model evaluated on the spectrum's channels. */
export interface SpectrumModel {
  readonly y: ArrayLike<number>;
  readonly label: string;
  /** Colour; default from the palette (skipping black, which the data use). */
  readonly color?: string;
}

/** Input of {@link plotSpectrum}. */
export interface SpectrumInput extends FigureOptions {
  /** Channel centres (energy, wavelength, …), increasing. */
  readonly x: ArrayLike<number>;
  /** Data per channel. */
  readonly y: ArrayLike<number>;
  /** 1-σ errors of `y`, drawn as vertical bars. */
  readonly yerr?: ArrayLike<number>;
  /** Models to overlay. */
  readonly models?: readonly SpectrumModel[];
  /** Legend label of the data (default "data"). */
  readonly dataLabel?: string;
}

/** Render a spectrum as an SVG document string. */
export function plotSpectrum(input: SpectrumInput): string {
  const n = Math.min(input.x.length, input.y.length);
  const x = Float64Array.from({ length: n }, (_, i) => input.x[i]);
  const y = Float64Array.from({ length: n }, (_, i) => input.y[i]);
  const models = input.models ?? [];
  const yArrays: ArrayLike<number>[] = [y, ...models.map((m) => m.y)];
  if (input.yerr) {
    const e = input.yerr;
    yArrays.push(y.map((v, i) => v + e[i]));
    if (input.yScale !== "log") yArrays.push(y.map((v, i) => v - e[i]));
  }
  const colorOf = (m: SpectrumModel, k: number) => m.color ?? paletteColor(k === 6 ? 7 : k);
  const legend: LegendEntry[] = [
    { label: input.dataLabel ?? "data", color: "#000000", kind: "line" },
    ...models.map((m, k) => ({ label: m.label, color: colorOf(m, k), kind: "line" as const })),
  ];
  // Half a channel of room on each side so the first and last steps are fully visible.
  const half = n > 1 ? [(x[1] - x[0]) / 2, (x[n - 1] - x[n - 2]) / 2] : [0, 0];
  const xLo = Float64Array.of(n > 0 ? x[0] - half[0] : 0, n > 0 ? x[n - 1] + half[1] : 1);
  return singlePanelFigure(
    {
      ...input,
      xDomain: dataExtent([xLo], { log: input.xScale === "log", pad: 0 }),
      yDomain: dataExtent(yArrays, { log: input.yScale === "log" }),
      legend: models.length > 0 ? legend : undefined,
      avoid: [{ x, y }, ...models.map((m) => ({ x, y: m.y }))],
      className: "spectrum-plot",
    },
    (panel) => [
      input.yerr
        ? errorBarMark(panel, x, y, input.yerr, input.yerr, {
            stroke: "#555555",
            width: 0.8,
            className: "errorbar",
          })
        : "",
      stepMark(panel, x, y, "mid", { stroke: "#000000", width: 1.1, className: "data" }),
      ...models.map((m, k) =>
        stepMark(panel, x, m.y, "mid", { stroke: colorOf(m, k), width: 1.6, className: "model" }),
      ),
    ],
  );
}
