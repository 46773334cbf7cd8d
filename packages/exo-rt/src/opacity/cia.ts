/**
 * Collision-induced absorption (ExoJAX `CdbCIA` / `OpaCIA`, research/exojax.md §6):
 * the HITRAN `.cia` reader and the log10 absorption coefficient per layer. The lookup
 * in wavenumber is a step function (the next tabulated wavenumber above ν, as
 * `digitize` gives), and linear in temperature (clamped).
 */
import { basename } from "node:path";
import { readText } from "../db/text.js";
import { DatabaseFileError } from "../errors.js";

export interface CdbCIA {
  readonly file: string;
  /** Pair tag from the file name (e.g. "H2-H2"). */
  readonly pair: string;
  /** Tabulated temperatures (K). */
  readonly temperatures: Float64Array;
  /** Tabulated wavenumbers after cropping (cm⁻¹). */
  readonly nu: Float64Array;
  /** log10 α (cm⁵), nT × nν row-major. */
  readonly logac: Float64Array;
}

/** Reads a HITRAN `.cia` file and crops to [min(nurange) − margin, max(nurange) + margin]. */
export function readCia(
  file: string,
  options: { nurange: ArrayLike<number>; margin?: number },
): CdbCIA {
  const text = readText(file);
  const pair = basename(file).split("_")[0];
  const lines = text.split("\n");
  const temps: number[] = [];
  const data: [number, number][] = [];
  let nPerBlock = -1;
  let expectData = 0;
  for (let ln = 0; ln < lines.length; ln++) {
    const s = lines[ln].trim();
    if (s.length === 0) continue;
    const tok = s.split(/\s+/);
    if (tok[0] === pair) {
      if (expectData > 0)
        throw new DatabaseFileError({
          file,
          line: ln + 1,
          reason: `block ended ${expectData} rows early`,
        });
      const n = Number(tok[3]);
      const t = Number(tok[4]);
      if (!Number.isInteger(n) || n <= 0 || !Number.isFinite(t))
        throw new DatabaseFileError({
          file,
          line: ln + 1,
          reason: `malformed header "${s.slice(0, 60)}"`,
        });
      if (nPerBlock < 0) nPerBlock = n;
      temps.push(t);
      expectData = n;
      continue;
    }
    if (expectData === 0)
      throw new DatabaseFileError({
        file,
        line: ln + 1,
        reason: `data row outside a block (expected a "${pair}" header)`,
      });
    const nu = Number(tok[0]);
    const a = Number(tok[1]);
    if (tok.length < 2 || !Number.isFinite(nu) || !Number.isFinite(a))
      throw new DatabaseFileError({ file, line: ln + 1, reason: `malformed data row "${s}"` });
    data.push([nu, a]);
    expectData--;
  }
  if (temps.length === 0)
    throw new DatabaseFileError({ file, line: 0, reason: `no "${pair}" block` });
  if (expectData > 0)
    throw new DatabaseFileError({
      file,
      line: lines.length,
      reason: `file is truncated: ${expectData} rows missing`,
    });
  if (data.length !== temps.length * nPerBlock)
    throw new DatabaseFileError({ file, line: 0, reason: "blocks have different lengths" });
  const nuAll = data.slice(0, nPerBlock).map((d) => d[0]);
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < options.nurange.length; i++) {
    lo = Math.min(lo, options.nurange[i]);
    hi = Math.max(hi, options.nurange[i]);
  }
  const margin = options.margin ?? 10;
  const digitize = (v: number) => nuAll.filter((x) => x <= v).length;
  const i0 = digitize(lo - margin);
  const i1 = Math.min(digitize(hi + margin), nPerBlock - 1);
  const m = i1 - i0 + 1;
  const logac = new Float64Array(temps.length * m);
  for (let t = 0; t < temps.length; t++)
    for (let j = 0; j < m; j++) logac[t * m + j] = Math.log10(data[t * nPerBlock + i0 + j][1]);
  return {
    file,
    pair,
    temperatures: Float64Array.from(temps),
    nu: Float64Array.from(nuAll.slice(i0, i1 + 1)),
    logac,
  };
}

/** For every grid ν, the CIA column used: number of tabulated ν ≤ ν, clamped to the last. */
export function ciaColumns(cdb: CdbCIA, nuGrid: ArrayLike<number>): Int32Array {
  const out = new Int32Array(nuGrid.length);
  const m = cdb.nu.length;
  for (let k = 0; k < nuGrid.length; k++) {
    let c = 0;
    while (c < m && cdb.nu[c] <= nuGrid[k]) c++;
    out[k] = Math.min(c, m - 1);
  }
  return out;
}

/** Index i of the tabulated temperature interval [T_i, T_i+1] holding t (−1 below, nT−1 above). */
function interval(ts: Float64Array, t: number): number {
  if (ts.length === 1 || t <= ts[0]) return -1;
  if (t >= ts[ts.length - 1]) return ts.length - 1;
  let i = 0;
  while (ts[i + 1] < t) i++;
  return i;
}

/** ∂ log10 α/∂T at one grid column (0 outside the tabulated temperatures). */
export function logaciaSlope(cdb: CdbCIA, column: number, t: number): number {
  const ts = cdb.temperatures;
  const i = interval(ts, t);
  if (i < 0 || i >= ts.length - 1) return 0;
  const m = cdb.nu.length;
  return (cdb.logac[(i + 1) * m + column] - cdb.logac[i * m + column]) / (ts[i + 1] - ts[i]);
}

/** log10 α(T) at one grid column: linear in T between tabulated temperatures, clamped outside. */
export function logaciaValue(cdb: CdbCIA, column: number, t: number): number {
  const ts = cdb.temperatures;
  const m = cdb.nu.length;
  const i = interval(ts, t);
  if (i < 0) return cdb.logac[column];
  if (i >= ts.length - 1) return cdb.logac[(ts.length - 1) * m + column];
  return cdb.logac[i * m + column] + (t - ts[i]) * logaciaSlope(cdb, column, t);
}

/**
 * One layer of {@link logaciaValue} (or, with `slope`, of {@link logaciaSlope}) for the grid
 * columns `cols` into out[off ..]: the temperature interval is found once per layer, and the
 * arithmetic per column is the same as the scalar functions' (bitwise equal results).
 */
export function logaciaRow(
  cdb: CdbCIA,
  cols: Int32Array,
  t: number,
  out: Float64Array,
  off: number,
  slope = false,
): void {
  const ts = cdb.temperatures;
  const m = cdb.nu.length;
  const lg = cdb.logac;
  const n = cols.length;
  const i = interval(ts, t);
  if (i < 0 || i >= ts.length - 1) {
    if (slope) out.fill(0, off, off + n);
    else {
      const row = i < 0 ? 0 : (ts.length - 1) * m;
      for (let k = 0; k < n; k++) out[off + k] = lg[row + cols[k]];
    }
    return;
  }
  const dt = ts[i + 1] - ts[i];
  const x = t - ts[i];
  const lo = i * m;
  const hi = (i + 1) * m;
  for (let k = 0; k < n; k++) {
    const c = cols[k];
    const sl = (lg[hi + c] - lg[lo + c]) / dt;
    out[off + k] = slope ? sl : lg[lo + c] + x * sl;
  }
}

/** log10 α (cm⁵) per layer and grid wavenumber (Nlayer × Nnu). */
export function logaciaMatrix(
  cdb: CdbCIA,
  nuGrid: ArrayLike<number>,
  tarr: ArrayLike<number>,
): Float64Array {
  const cols = ciaColumns(cdb, nuGrid);
  const n = nuGrid.length;
  const out = new Float64Array(tarr.length * n);
  for (let i = 0; i < tarr.length; i++)
    for (let k = 0; k < n; k++) out[i * n + k] = logaciaValue(cdb, cols[k], tarr[i]);
  return out;
}

/** log10 α for one temperature (ExoJAX `logacia_vector`). */
export function logaciaVector(cdb: CdbCIA, nuGrid: ArrayLike<number>, t: number): Float64Array {
  return logaciaMatrix(cdb, nuGrid, [t]);
}
