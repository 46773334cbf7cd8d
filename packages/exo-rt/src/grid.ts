/**
 * Wavenumber grids (ExoJAX `wavenumber_grid`, research/exojax.md §1). ESLOG grids are
 * evenly spaced in ln ν, which MODIT/PreMODIT and the spectral operators require.
 */
import { C_KMS } from "./constants.js";
import { ExoInputError } from "./errors.js";
import { pow10 } from "./pow10.js";

export type GridUnit = "cm-1" | "AA" | "nm" | "um";
export type XsMode = "lpf" | "modit" | "premodit" | "presolar" | "dit";

export interface WavenumberGrid {
  /** Wavenumbers in cm⁻¹, ascending. */
  readonly nu: Float64Array;
  /** Wavelengths in Å, `1e8 / nu` (descending, same index order as `nu`). */
  readonly wavelength: Float64Array;
  /** Resolution: (N−1)/ln(ν_max/ν_min) for ESLOG, ν_mid/Δν for ESLIN. */
  readonly resolution: number;
  readonly mode: "ESLOG" | "ESLIN";
}

const UNIT_FACTOR: Record<Exclude<GridUnit, "cm-1">, number> = { AA: 1e8, nm: 1e7, um: 1e4 };

/** numpy.logspace(log10 x0, log10 x1, n): 10^(a + i (b−a)/(n−1)), last point 10^b, correctly rounded. */
export function logspace10(x0: number, x1: number, n: number): Float64Array {
  const a = Math.log10(x0);
  const b = Math.log10(x1);
  const out = new Float64Array(n);
  const step = (b - a) / (n - 1);
  for (let i = 0; i < n; i++) out[i] = pow10(i === n - 1 ? b : a + i * step);
  return out;
}

/** numpy.linspace(a, b, n) (last point exactly b). */
export function linspace(a: number, b: number, n: number): Float64Array {
  const out = new Float64Array(n);
  if (n === 1) {
    out[0] = a;
    return out;
  }
  const step = (b - a) / (n - 1);
  for (let i = 0; i < n; i++) out[i] = a + i * step;
  out[n - 1] = b;
  return out;
}

/**
 * ExoJAX `wavenumber_grid(x0, x1, N, xsmode, unit)`: an even number N of points between
 * x0 and x1 (in `unit`), returned as ascending wavenumbers. LPF/MODIT/PreMODIT use ESLOG
 * (log-spaced in the given unit, hence in ν); `dit` uses ESLIN (linear in ν).
 */
export function wavenumberGrid(
  x0: number,
  x1: number,
  n: number,
  options: { unit?: GridUnit; xsmode?: XsMode } = {},
): WavenumberGrid {
  const unit = options.unit ?? "cm-1";
  const xsmode = options.xsmode ?? "premodit";
  if (!Number.isInteger(n) || n < 2 || n % 2 !== 0)
    throw new ExoInputError({
      fn: "wavenumberGrid",
      argument: "N",
      value: String(n),
      reason: "must be an even integer ≥ 2 (the rotation convolution requires it)",
    });
  if (!(x0 > 0 && x1 > 0 && x0 !== x1))
    throw new ExoInputError({
      fn: "wavenumberGrid",
      argument: "x0, x1",
      value: `${x0}, ${x1}`,
      reason: "must be positive and distinct",
    });
  let nu: Float64Array;
  if (xsmode === "dit") {
    const toNu = (x: number) => (unit === "cm-1" ? x : UNIT_FACTOR[unit] / x);
    const a = toNu(x0);
    const b = toNu(x1);
    nu = linspace(Math.min(a, b), Math.max(a, b), n);
    const lo = nu[0];
    const hi = nu[n - 1];
    return {
      nu,
      wavelength: nu.map((v) => 1e8 / v),
      resolution: (hi + lo) / 2 / ((hi - lo) / n),
      mode: "ESLIN",
    };
  }
  const grid = logspace10(x0, x1, n);
  if (unit === "cm-1") {
    nu = x0 < x1 ? grid : grid.slice().reverse();
  } else {
    const f = UNIT_FACTOR[unit];
    nu = new Float64Array(n);
    // ascending wavelength → reversed, so that ν ascends
    if (x0 < x1) for (let j = 0; j < n; j++) nu[j] = f / grid[n - 1 - j];
    else for (let j = 0; j < n; j++) nu[j] = f / grid[j];
  }
  return {
    nu,
    wavelength: nu.map((v) => 1e8 / v),
    resolution: resolutionEslog(nu),
    mode: "ESLOG",
  };
}

/** Resolution of an ESLOG grid: (N−1) / ln(ν_last/ν_first). */
export function resolutionEslog(nu: ArrayLike<number>): number {
  return (nu.length - 1) / Math.log(nu[nu.length - 1] / nu[0]);
}

/** Even number of ESLOG points reaching resolution R between nu0 and nu1. */
export function nxEvenFromResolutionEslog(nu0: number, nu1: number, resolution: number): number {
  return 2 * Math.ceil(Math.ceil(resolution * Math.log(nu1 / nu0)) / 2);
}

/** Velocity step (km/s) of an ESLOG grid of resolution R: c ln(1 + 1/R). */
export function deltaVelocityFromResolution(resolution: number): number {
  return C_KMS * Math.log1p(1 / resolution);
}

/** Symmetric velocity grid dv × [−Nk … Nk] with Nk = floor(vmax/dv + 1) (ExoJAX `velocity_grid`). */
export function velocityGrid(resolution: number, vmax: number): Float64Array {
  const dv = deltaVelocityFromResolution(resolution);
  const nk = Math.floor(vmax / dv + 1);
  const out = new Float64Array(2 * nk + 1);
  for (let i = 0; i < out.length; i++) out[i] = dv * (i - nk);
  return out;
}

/** True when `nu` is ESLOG to ExoJAX's tolerance (`check_eslog_wavenumber_grid`). */
export function isEslogGrid(nu: ArrayLike<number>): boolean {
  const n = nu.length;
  if (n < 3) return false;
  const p = new Float64Array(n - 1);
  let mean = 0;
  for (let i = 0; i < n - 1; i++) {
    p[i] = Math.log10(nu[i + 1]) - Math.log10(nu[i]);
    mean += p[i];
  }
  mean /= n - 1;
  let maxw = 0;
  for (let i = 0; i < n - 1; i++) maxw = Math.max(maxw, Math.abs(p[i] - mean));
  const sorted = Array.from(p).sort((a, b) => a - b);
  const m = sorted.length;
  const median = m % 2 ? sorted[(m - 1) / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2;
  return maxw / median < 1e-5 && maxw < 1e-14;
}
