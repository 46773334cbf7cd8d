/**
 * Loading the M67 catalogue: the seed's selection (finite parallax and error,
 * parallaxMin < parallax < parallaxMax, by default 0.2 and 3.0 mas, original row order), its
 * float32 casts, and the Lindegren et al. (2021) zero points.
 */
import { fileURLToPath } from "node:url";
import { asFloat64, readFitsTable } from "@sidereal/io";
import { zeroPointL21 } from "@sidereal/parallax";

/** The bundled Gaia DR3 M67 file (see data/README.md for provenance and licence). */
export const BUNDLED_M67 = fileURLToPath(new URL("../data/m67.fits.gz", import.meta.url));

/** Columns the pipeline reads (a FITS file without one of them is rejected naming it). */
export const M67_COLUMNS = [
  "source_id",
  "ra",
  "dec",
  "parallax",
  "parallax_error",
  "phot_g_mean_mag",
  "bp_rp",
  "nu_eff_used_in_astrometry",
  "pseudocolour",
  "ecl_lat",
  "astrometric_params_solved",
] as const;

/** Parallax cuts [mas]: keep parallaxMin < parallax < parallaxMax (the seed: 0.2 and 3.0). */
export interface ParallaxCuts {
  readonly parallaxMin: number;
  readonly parallaxMax: number;
}
export const SEED_CUTS: ParallaxCuts = { parallaxMin: 0.2, parallaxMax: 3.0 };

/** The parallax columns every Gaia table of the app has (M67's and the catalogue's). */
export interface ParallaxTable {
  readonly file: string;
  /** Rows in the file before the cuts. */
  readonly rowsInFile: number;
  /** Gaia DR3 source_id (int64, as decimal strings). */
  readonly sourceId: readonly string[];
  /** Observed parallax [mas] (M67: after the cuts, cast to float32 as the seed does). */
  readonly parallax: Float64Array;
  /** Parallax uncertainty [mas], float32 as in the file. */
  readonly parallaxError: Float64Array;
  /** Lindegren et al. (2021) parallax zero point [mas] per star (0 where non-finite, as in the seed). */
  readonly zeroPoint: Float64Array;
}

export interface M67Catalogue extends ParallaxTable {
  readonly ra: Float64Array;
  readonly dec: Float64Array;
  /** G magnitude (NaN where missing). */
  readonly gMag: Float64Array;
  /** BP − RP colour (NaN where missing). */
  readonly bpRp: Float64Array;
}

/** The L21 zero point from a table's columns (`col(name)`), extrapolated as the seed does. */
export const l21ZeroPoint = (col: (name: string) => Float64Array): Float64Array =>
  zeroPointL21(
    col("phot_g_mean_mag"),
    col("nu_eff_used_in_astrometry"),
    col("pseudocolour"),
    col("ecl_lat"),
    col("astrometric_params_solved"),
    { outOfRange: "extrapolate" },
  );

const f32 = (x: Float64Array): Float64Array => Float64Array.from(Float32Array.from(x));

function sourceIds(table: ReturnType<typeof readFitsTable>): string[] {
  const col = table.column("source_id");
  const data = col.data as ArrayLike<number | bigint>;
  return Array.from({ length: table.nrows }, (_, i) => String(data[i]));
}

/**
 * Reads the catalogue, applies the cuts (finite parallax and error, then
 * `cuts.parallaxMin < parallax < cuts.parallaxMax`) and computes the parallax zero points
 * as the seed does: `zpt.get_zpt(...)` with its default `_warnings=True`, which warns and
 * extrapolates outside the calibrated range (rather than returning NaN), then sets
 * non-finite values (here the one star without a G magnitude) to 0. Throws the FitsError
 * of @sidereal/io (naming the file, and the column when one is missing).
 */
export function loadM67(file: string = BUNDLED_M67, cuts: ParallaxCuts = SEED_CUTS): M67Catalogue {
  const table = readFitsTable(file, { columns: [...M67_COLUMNS] });
  const plx = asFloat64(table.column("parallax"));
  const err = asFloat64(table.column("parallax_error"));
  const keep: number[] = [];
  for (let i = 0; i < table.nrows; i++) {
    if (
      Number.isFinite(plx[i]) &&
      Number.isFinite(err[i]) &&
      plx[i] > cuts.parallaxMin &&
      plx[i] < cuts.parallaxMax
    )
      keep.push(i);
  }
  const pick = (a: Float64Array) => Float64Array.from(keep, (i) => a[i]);
  const col = (name: string) => pick(asFloat64(table.column(name)));
  const ids = sourceIds(table);
  const zeroPoint = l21ZeroPoint(col).map((z) => (Number.isFinite(z) ? z : 0));
  return {
    file,
    rowsInFile: table.nrows,
    sourceId: keep.map((i) => ids[i]),
    parallax: f32(pick(plx)),
    parallaxError: f32(pick(err)),
    zeroPoint,
    ra: col("ra"),
    dec: col("dec"),
    gMag: col("phot_g_mean_mag"),
    bpRp: col("bp_rp"),
  };
}

/** The first `n` stars (for quick looks and tests); the full catalogue when n is 0. */
export function limitStars(cat: M67Catalogue, n: number): M67Catalogue {
  if (n <= 0 || n >= cat.parallax.length) return cat;
  return {
    ...cat,
    sourceId: cat.sourceId.slice(0, n),
    parallax: cat.parallax.slice(0, n),
    parallaxError: cat.parallaxError.slice(0, n),
    zeroPoint: cat.zeroPoint.slice(0, n),
    ra: cat.ra.slice(0, n),
    dec: cat.dec.slice(0, n),
    gMag: cat.gMag.slice(0, n),
    bpRp: cat.bpRp.slice(0, n),
  };
}
