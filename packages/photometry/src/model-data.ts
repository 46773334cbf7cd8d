/**
 * The tabulated inputs of the forward model, read once: the rest-frame wavelength grid (FSPS's
 * 5,994 points, 91 Å–1e8 Å), the quasar template, the SMC curve and the torus grid. By default
 * from `@sidereal/photometry-data`; any file of the same format can be given instead.
 */
import { readFileSync } from "node:fs";
import { templateFiles } from "@sidereal/photometry-data";
import { Effect } from "effect";
import { parseQuasarTemplate, type QuasarTemplate } from "./agn/quasar.js";
import { type ExtinctionCurve, parseSmcExtinction } from "./agn/smc.js";
import { parseTorusGrid, type TorusGrid } from "./agn/torus.js";
import { DataFileError } from "./errors.js";

export interface ModelData {
  /** Rest-frame wavelengths (Å, increasing) on which spectra are built. */
  readonly wavelength: Float64Array;
  readonly quasar: QuasarTemplate;
  readonly smc: ExtinctionCurve;
  readonly torus: TorusGrid;
}

export interface ModelDataFiles {
  readonly wavelength: string;
  readonly quasar: string;
  readonly smc: string;
  readonly torus: string;
}

/** The bundled files of `@sidereal/photometry-data`. */
export const BUNDLED_MODEL_DATA: ModelDataFiles = {
  wavelength: templateFiles.fspsWavelengths,
  quasar: templateFiles.quasar,
  smc: templateFiles.smcExtinction,
  torus: templateFiles.torusGrid,
};

const readWith = <A>(file: string, parse: (text: string) => A): Effect.Effect<A, DataFileError> =>
  Effect.try({
    try: () => parse(readFileSync(file, "utf8")),
    catch: (e) => new DataFileError({ file, reason: e instanceof Error ? e.message : String(e) }),
  });

/** Parses a one-number-per-line wavelength grid and checks it increases. */
export function parseWavelengthGrid(text: string): Float64Array {
  const w = Float64Array.from(
    text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== "" && !l.startsWith("#")),
    Number,
  );
  for (let i = 0; i < w.length; i++)
    if (!(w[i] > 0) || (i > 0 && !(w[i] > w[i - 1])))
      throw new Error(`wavelength ${i + 1} (${w[i]}) is not positive and increasing`);
  if (w.length < 2) throw new Error("fewer than 2 wavelengths");
  return w;
}

/** Reads the four tables (the normalising integrals are computed here, about 0.2 s). */
export const loadModelData = (
  files: ModelDataFiles = BUNDLED_MODEL_DATA,
): Effect.Effect<ModelData, DataFileError> =>
  Effect.all({
    wavelength: readWith(files.wavelength, parseWavelengthGrid),
    quasar: readWith(files.quasar, parseQuasarTemplate),
    smc: readWith(files.smc, parseSmcExtinction),
    torus: readWith(files.torus, parseTorusGrid),
  });
