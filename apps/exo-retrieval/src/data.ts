/**
 * Observed spectra: the `mock.json` layout `{ nu, flux, noise, params? }` (wavenumber in
 * cm⁻¹) or a CSV with a header naming `wavelength` (Å) or `wavenumber` (cm⁻¹), `flux` and
 * `noise`. Every problem is a `DataError` naming the file and the field, found before any
 * fitting starts; rows are returned in ascending wavenumber.
 */
import { readFileSync } from "node:fs";
import { checkColumn, DataError, readJsonColumns, reasonOf } from "@sidereal/runtime";
import { Effect } from "effect";
import type { ModelSettings } from "./forward.js";

export interface Spectrum {
  readonly file: string;
  /** Wavenumber (cm⁻¹), ascending. */
  readonly nu: Float64Array;
  readonly flux: Float64Array;
  readonly noise: Float64Array;
  /** True parameters when the file is a mock. */
  readonly truths?: Readonly<Record<string, number>>;
}

const readJson = (file: string) =>
  Effect.gen(function* () {
    const cols = yield* readJsonColumns(file, {
      nu: { positive: true },
      flux: {},
      noise: { positive: true },
    });
    const raw = yield* Effect.try({
      try: () => JSON.parse(readFileSync(file, "utf8")) as { params?: unknown },
      catch: (e) => new DataError({ file, reason: reasonOf(e) }),
    });
    const p = raw.params;
    let truths: Record<string, number> | undefined;
    if (p !== undefined) {
      if (typeof p !== "object" || p === null || Array.isArray(p))
        return yield* new DataError({ file, field: "params", reason: "expected an object" });
      truths = {};
      for (const [k, v] of Object.entries(p)) {
        if (typeof v !== "number" || !Number.isFinite(v))
          return yield* new DataError({
            file,
            field: `params.${k}`,
            reason: "not a finite number",
          });
        truths[k] = v;
      }
    }
    return { nu: cols.nu, flux: cols.flux, noise: cols.noise, truths };
  });

const readCsv = (file: string) =>
  Effect.gen(function* () {
    const text = yield* Effect.try({
      try: () => readFileSync(file, "utf8"),
      catch: (e) => new DataError({ file, reason: reasonOf(e) }),
    });
    const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "" && !l.startsWith("#"));
    if (lines.length < 2) return yield* new DataError({ file, reason: "no data rows" });
    const header = lines[0].split(",").map((h) => h.trim().toLowerCase());
    const col = (name: string) => header.indexOf(name);
    const iw = col("wavelength");
    const inu = col("wavenumber");
    if (iw < 0 === inu < 0)
      return yield* new DataError({
        file,
        field: "wavelength",
        reason: "the header needs exactly one of `wavelength` (Å) or `wavenumber` (cm⁻¹)",
      });
    for (const f of ["flux", "noise"])
      if (col(f) < 0) return yield* new DataError({ file, field: f, reason: "missing column" });
    const n = lines.length - 1;
    const x = new Float64Array(n);
    const flux = new Float64Array(n);
    const noise = new Float64Array(n);
    const xField = iw >= 0 ? "wavelength" : "wavenumber";
    for (let r = 0; r < n; r++) {
      const cells = lines[r + 1].split(",");
      for (const [field, idx, arr] of [
        [xField, iw >= 0 ? iw : inu, x],
        ["flux", col("flux"), flux],
        ["noise", col("noise"), noise],
      ] as const) {
        const cell = cells[idx]?.trim() ?? "";
        const v = cell === "" ? Number.NaN : Number(cell);
        if (!Number.isFinite(v))
          return yield* new DataError({
            file,
            field,
            row: r,
            reason: `value "${cell}" is not a finite number`,
          });
        arr[r] = v;
      }
    }
    yield* checkColumn(file, xField, x, { positive: true });
    yield* checkColumn(file, "noise", noise, { positive: true });
    const nu = iw >= 0 ? x.map((w) => 1e8 / w) : x;
    return { nu, flux, noise, truths: undefined };
  });

/** Reads and checks a spectrum; the wavenumbers must lie inside the model grid. */
export function readSpectrum(
  file: string,
  settings: ModelSettings,
): Effect.Effect<Spectrum, DataError> {
  return Effect.gen(function* () {
    const raw = file.toLowerCase().endsWith(".csv") ? yield* readCsv(file) : yield* readJson(file);
    const order = Array.from(raw.nu, (_, i) => i).sort((a, b) => raw.nu[a] - raw.nu[b]);
    const nu = Float64Array.from(order, (i) => raw.nu[i]);
    for (let i = 1; i < nu.length; i++)
      if (nu[i] === nu[i - 1])
        return yield* new DataError({
          file,
          field: "nu",
          row: order[i],
          reason: `repeated wavenumber ${nu[i]}`,
        });
    // the grid's end points are 1e8/λ up to rounding: allow 1e-9 relative
    const lo = (1e8 / settings.wavMax) * (1 - 1e-9);
    const hi = (1e8 / settings.wavMin) * (1 + 1e-9);
    if (nu[0] < lo || nu[nu.length - 1] > hi)
      return yield* new DataError({
        file,
        field: "nu",
        reason: `wavenumbers ${nu[0].toFixed(3)}–${nu[nu.length - 1].toFixed(3)} cm⁻¹ leave the model grid ${lo.toFixed(3)}–${hi.toFixed(3)} cm⁻¹ (config fields wavMin/wavMax, Å)`,
      });
    return {
      file,
      nu,
      flux: Float64Array.from(order, (i) => raw.flux[i]),
      noise: Float64Array.from(order, (i) => raw.noise[i]),
      ...(raw.truths !== undefined ? { truths: raw.truths } : {}),
    };
  });
}
