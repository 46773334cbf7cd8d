/**
 * Catalogue preparation (spec §1.7): AB magnitudes → maggies 10^(−0.4 m), maggie
 * uncertainty = maggies × mag_err / 1.09; a band is valid iff its magnitude is finite and in
 * (−98, 98) and its error finite and > 0; rows need 0.01 < z < 4 when a redshift column is
 * present. Nothing is dropped: every row keeps its place with the problems it has, so the
 * posterior step can skip (missing bands) or flag (redshift) it and still write one line.
 */
import { readFileSync } from "node:fs";
import { Effect } from "effect";
import { errorMessage, SanFileError, SanInputError } from "./errors.js";

export interface BandColumns {
  readonly band: string;
  readonly mag: string;
  readonly err: string;
}

export interface CatalogueColumns {
  readonly bands: readonly BandColumns[];
  readonly redshift?: string;
  readonly id?: string;
}

/** spec §1.7 column names per filter (the sdss, vista_euclid, des, vista_des and wise groups). */
const SPEC_COLUMNS: Record<string, (desSet: boolean) => [string, string]> = {
  ...Object.fromEntries(
    ["u", "g", "r", "i", "z"].map((b) => [
      `${b}_sloan`,
      () => [`mag_auto_sdss_${b}_dr12`, `magerr_auto_sdss_${b}_dr12`],
    ]),
  ),
  ...Object.fromEntries(
    ["H", "J", "Ks", "Y", "Z"].map((b) => {
      const l = b === "Ks" ? "k" : b.toLowerCase();
      return [
        `VISTA_${b}`,
        (des: boolean) =>
          des
            ? [`${b}AUTOMAG`, `${b}AUTOMAGERR`]
            : [`mag_auto_viking_${l}_dr2`, `magerr_auto_viking_${l}_dr2`],
      ];
    }),
  ),
  ...Object.fromEntries(
    ["g", "i", "r"].map((b) => [`DES_${b}`, () => [`mag_auto_${b}`, `magerr_auto_${b}`]]),
  ),
  wise_w1: () => ["mag_auto_AllWISE_W1", "magerr_auto_AllWISE_W1"],
  wise_w2: () => ["mag_auto_AllWISE_W2", "magerr_auto_AllWISE_W2"],
};

/**
 * The catalogue columns of a band list: spec §1.7's names where it has them (the DES set's
 * VISTA bands use `{B}AUTOMAG`), else `{band}_mag` / `{band}_magerr`.
 */
export function defaultCatalogueColumns(
  bands: readonly string[],
  redshift = "redshift",
): CatalogueColumns {
  const des = bands.some((b) => b.startsWith("DES_"));
  return {
    bands: bands.map((band) => {
      const [mag, err] = SPEC_COLUMNS[band]?.(des) ?? [`${band}_mag`, `${band}_magerr`];
      return { band, mag, err };
    }),
    redshift,
  };
}

export interface CatalogueRow {
  readonly index: number;
  readonly id: string;
  readonly maggies: Float64Array;
  readonly maggieErrors: Float64Array;
  /** Bands whose magnitude or error is invalid or absent. */
  readonly missingBands: readonly string[];
  readonly redshift: number | undefined;
  /** Set when a redshift is present but outside (0.01, 4). */
  readonly redshiftOutOfRange: boolean;
}

export interface Catalogue {
  readonly file: string;
  readonly bands: readonly string[];
  readonly rows: readonly CatalogueRow[];
  /** Band columns the file lacks entirely (every row then misses that band). */
  readonly absentColumns: readonly string[];
}

/** Splits one CSV line (double-quoted fields may hold commas). */
function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      out.push(cur.trim());
      cur = "";
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

export const magToMaggies = (m: number): number => 10 ** (-0.4 * m);
/** spec §1.7: σ_maggie = maggies × σ_mag / 1.09. */
export const magErrToMaggieErr = (maggies: number, magErr: number): number =>
  (maggies * magErr) / 1.09;
export const validBand = (m: number, e: number): boolean =>
  Number.isFinite(m) && m > -98 && m < 98 && Number.isFinite(e) && e > 0;
export const redshiftInRange = (z: number): boolean => z > 0.01 && z < 4;

/** One catalogue column: its value in row `i` (a number, a string, or undefined when empty). */
export type CatalogueCell = (row: number) => number | string | undefined;

/**
 * Builds the catalogue from named columns, whatever the file format: `column(name)` gives a
 * column's cells, or undefined when the file lacks it.
 */
export function catalogueFromColumns(
  file: string,
  rowCount: number,
  column: (name: string) => CatalogueCell | undefined,
  columns: CatalogueColumns,
): Catalogue {
  const bandCols = columns.bands.map((b) => ({ ...b, m: column(b.mag), e: column(b.err) }));
  const absentColumns = bandCols.flatMap((b) => [
    ...(b.m === undefined ? [b.mag] : []),
    ...(b.e === undefined ? [b.err] : []),
  ]);
  const zc = columns.redshift === undefined ? undefined : column(columns.redshift);
  const ic = columns.id === undefined ? undefined : column(columns.id);
  const num = (v: number | string | undefined) =>
    v === undefined || v === "" ? Number.NaN : Number(v);
  const rows: CatalogueRow[] = [];
  for (let index = 0; index < rowCount; index++) {
    const F = bandCols.length;
    const maggies = new Float64Array(F).fill(Number.NaN);
    const maggieErrors = new Float64Array(F).fill(Number.NaN);
    const missingBands: string[] = [];
    bandCols.forEach((b, k) => {
      const m = b.m === undefined ? Number.NaN : num(b.m(index));
      const e = b.e === undefined ? Number.NaN : num(b.e(index));
      if (!validBand(m, e)) {
        missingBands.push(b.band);
        return;
      }
      maggies[k] = magToMaggies(m);
      maggieErrors[k] = magErrToMaggieErr(maggies[k], e);
    });
    const z = zc === undefined ? undefined : num(zc(index));
    const id = ic === undefined ? undefined : ic(index);
    rows.push({
      index,
      id: id === undefined || id === "" ? String(index) : String(id).trim(),
      maggies,
      maggieErrors,
      missingBands,
      redshift: z,
      redshiftOutOfRange: z !== undefined && !redshiftInRange(z),
    });
  }
  return { file, bands: columns.bands.map((b) => b.band), rows, absentColumns };
}

/** Parses a CSV catalogue text. */
export function parseCatalogue(
  file: string,
  text: string,
  columns: CatalogueColumns,
): Catalogue | SanInputError {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "" && !l.startsWith("#"));
  const header = lines[0];
  if (header === undefined)
    return new SanInputError({ field: `${file}: header`, value: "", reason: "empty catalogue" });
  const names = splitCsvLine(header);
  const cells = lines.slice(1).map(splitCsvLine);
  return catalogueFromColumns(
    file,
    cells.length,
    (name) => {
      const j = names.indexOf(name);
      return j < 0 ? undefined : (row) => cells[row][j];
    },
    columns,
  );
}

/** Reads a CSV catalogue. */
export const readCatalogue = (
  file: string,
  columns: CatalogueColumns,
): Effect.Effect<Catalogue, SanFileError | SanInputError> =>
  Effect.try({
    try: () => readFileSync(file, "utf8"),
    catch: (e) => new SanFileError({ file, reason: errorMessage(e) }),
  }).pipe(
    Effect.flatMap((text) => {
      const c = parseCatalogue(file, text, columns);
      return c instanceof SanInputError ? Effect.fail(c) : Effect.succeed(c);
    }),
  );
