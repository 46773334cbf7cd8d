/**
 * The CLUMPY torus term of agnfinder (spec §3.4): log10 flux on 119 knots in log10 λ (2…7) ×
 * 10 inclinations (0…90°), interpolated bilinearly with nearest-edge clamping; normalised by
 * T_N = ∫ 10^τ(x, 0) dλ over 100 Å–1e7 Å at inclination 0 only (103214.6595; other
 * inclinations are not renormalised); shifted by −21 dex; damped by (λ/1 µm)^5 below 1 µm.
 */
import { bracket, logspace, simpson } from "../numeric.js";

export interface TorusGrid {
  /** log10 λ knots (Å), increasing. */
  readonly log10Wavelength: Float64Array;
  /** Inclination knots (degrees), increasing. */
  readonly inclination: Float64Array;
  /** log10 flux, row-major [wavelength][inclination]. */
  readonly log10Flux: Float64Array;
  /** ∫ 10^τ(x, 0) dλ over 100 Å–1e7 Å. */
  readonly normalisation: number;
}

/** Bilinear interpolation of the grid at (x = log10 λ, inclination), clamped to its edges. */
export function torusLog10Flux(
  g: Omit<TorusGrid, "normalisation">,
  x: number,
  inclination: number,
): number {
  const xs = g.log10Wavelength;
  const is = g.inclination;
  const ni = is.length;
  const xc = Math.min(Math.max(x, xs[0]), xs[xs.length - 1]);
  const ic = Math.min(Math.max(inclination, is[0]), is[ni - 1]);
  const a = bracket(xs, xc);
  const b = bracket(is, ic);
  const fx = (xc - xs[a]) / (xs[a + 1] - xs[a]);
  const fi = (ic - is[b]) / (is[b + 1] - is[b]);
  const v00 = g.log10Flux[a * ni + b];
  const v01 = g.log10Flux[a * ni + b + 1];
  const v10 = g.log10Flux[(a + 1) * ni + b];
  const v11 = g.log10Flux[(a + 1) * ni + b + 1];
  return (1 - fx) * ((1 - fi) * v00 + fi * v01) + fx * ((1 - fi) * v10 + fi * v11);
}

/** Parses `clumpy_torus_grid.csv` (wavelength_angstrom, log10_wavelength_angstrom, log10_flux_iNN…). */
export function parseTorusGrid(text: string): TorusGrid {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = lines[0].split(",");
  const incCols = header
    .map((h, j) => [h, j] as const)
    .filter(([h]) => /^log10_flux_i\d+$/.test(h))
    .map(([h, j]) => [Number(h.slice("log10_flux_i".length)), j] as const);
  const xCol = header.indexOf("log10_wavelength_angstrom");
  if (xCol < 0 || incCols.length < 2) throw new Error("torus grid: missing columns");
  const rows = lines.slice(1).map((l) => l.split(",").map(Number));
  const ni = incCols.length;
  const log10Flux = new Float64Array(rows.length * ni);
  rows.forEach((r, a) => {
    incCols.forEach(([, j], b) => {
      log10Flux[a * ni + b] = r[j];
    });
  });
  const grid = {
    log10Wavelength: Float64Array.from(rows, (r) => r[xCol]),
    inclination: Float64Array.from(incCols, ([i]) => i),
    log10Flux,
  };
  if (
    log10Flux.some((v) => !Number.isFinite(v)) ||
    grid.log10Wavelength.some((v) => !Number.isFinite(v))
  )
    throw new Error("torus grid: non-numeric value");
  const lam = logspace(100, 1e7, 500_000);
  const f = lam.map((l) => 10 ** torusLog10Flux(grid, Math.log10(l), 0));
  return { ...grid, normalisation: simpson(f, lam) };
}

/** Damping of the torus below 1 µm: (λ/1e4 Å)^5 ("long only"). */
export const torusDamping = (lambda: number): number => (lambda < 1e4 ? (lambda / 1e4) ** 5 : 1);

/**
 * The torus interpolated once onto a wavelength grid: for each grid wavelength, the log10
 * flux at every inclination knot, minus log10 T_N + 21, and the damping. `shapeInto` then only
 * interpolates in inclination (bilinear = linear in x, then linear in i).
 */
export interface TorusOnGrid {
  readonly inclination: Float64Array;
  /** [inclination][wavelength] ln(t_T) before damping (natural log: exp is cheaper than 10^x). */
  readonly lnShape: Float64Array;
  readonly damping: Float64Array;
  readonly length: number;
}

export function torusOnGrid(g: TorusGrid, wavelength: ArrayLike<number>): TorusOnGrid {
  const n = wavelength.length;
  const ni = g.inclination.length;
  const shift = Math.log10(g.normalisation) + 21;
  const lnShape = new Float64Array(ni * n);
  const damping = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const x = Math.log10(wavelength[k]);
    damping[k] = torusDamping(wavelength[k]);
    for (let b = 0; b < ni; b++)
      lnShape[b * n + k] = Math.LN10 * (torusLog10Flux(g, x, g.inclination[b]) - shift);
  }
  return { inclination: g.inclination, lnShape, damping, length: n };
}

/** Writes scale × t_T(λ, i)·damp into `out` on grid indices [lo, hi] (adds when `accumulate`). */
export function torusShapeInto(
  t: TorusOnGrid,
  inclination: number,
  scale: number,
  out: Float64Array,
  accumulate = true,
  lo = 0,
  hi = t.length - 1,
): void {
  const is = t.inclination;
  const ni = is.length;
  const n = t.length;
  const ic = Math.min(Math.max(inclination, is[0]), is[ni - 1]);
  const b = bracket(is, ic);
  const fi = (ic - is[b]) / (is[b + 1] - is[b]);
  const below = b * n;
  const above = (b + 1) * n;
  const s = t.lnShape;
  for (let k = lo; k <= hi; k++) {
    const v = scale * Math.exp((1 - fi) * s[below + k] + fi * s[above + k]) * t.damping[k];
    out[k] = accumulate ? out[k] + v : v;
  }
}
