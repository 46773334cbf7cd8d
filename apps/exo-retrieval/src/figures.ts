/** The app's figures (SVG through @sidereal/plots). */
import { plotImage, plotLines } from "@sidereal/plots";
import type { Figure } from "@sidereal/runtime";

export const lineFigure = (
  name: string,
  caption: string,
  series: Parameters<typeof plotLines>[0],
  opts: Parameters<typeof plotLines>[1],
): Figure => ({ name, caption, svg: plotLines(series, opts) });

/** The contribution function (layers × wavenumber, averaged over blocks of `bin` wavenumbers). */
export function contributionFigure(
  cf: Float64Array,
  nu: Float64Array,
  pressure: Float64Array,
  bin = 10,
): Figure {
  const n = nu.length;
  const nl = pressure.length;
  const nx = Math.floor(n / bin);
  const values = new Float64Array(nx * nl);
  for (let i = 0; i < nl; i++)
    for (let c = 0; c < nx; c++) {
      let s = 0;
      for (let k = c * bin; k < (c + 1) * bin; k++) s += cf[i * n + k];
      values[i * nx + c] = s / bin;
    }
  return {
    name: "contribution",
    caption:
      "Contribution function (normalised per wavenumber); the dominant contribution must lie inside the layers",
    svg: plotImage({
      values,
      nx,
      ny: nl,
      xExtent: [nu[0], nu[nx * bin - 1]],
      yExtent: [Math.log10(pressure[0]), Math.log10(pressure[nl - 1])],
      title: "Contribution function",
      xLabel: "wavenumber (cm⁻¹)",
      yLabel: "log10 P (bar), layer order",
    }),
  };
}
