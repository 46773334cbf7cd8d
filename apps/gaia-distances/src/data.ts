/**
 * Loading the M67 catalogue: the seed's selection (finite parallax and error,
 * 0.2 < parallax < 3.0 mas, original row order) and its float32 casts.
 */
import { fileURLToPath } from "node:url";
import { asFloat64, readFitsTable } from "@sidereal/io";
import { zeroPointL21 } from "@sidereal/parallax";

/** The bundled Gaia DR3 M67 file (see data/README.md for provenance and licence). */
export const BUNDLED_M67 = fileURLToPath(new URL("../data/m67.fits.gz", import.meta.url));

export interface M67Catalogue {
  readonly file: string;
  /** Rows in the file before the cuts. */
  readonly rowsInFile: number;
  /** Observed parallax [mas] after the cuts, cast to float32 as the seed does. */
  readonly parallax: Float64Array;
  /** Parallax uncertainty [mas], float32 as in the file. */
  readonly parallaxError: Float64Array;
  /** Lindegren et al. (2021) parallax zero point [mas] per star (0 where non-finite, as in the seed). */
  readonly zeroPoint: Float64Array;
  readonly ra: Float64Array;
  readonly dec: Float64Array;
}

const f32 = (x: Float64Array): Float64Array => Float64Array.from(Float32Array.from(x));

/**
 * Reads the catalogue, applies the seed's cuts and computes the parallax zero points
 * as the seed does: `zpt.get_zpt(...)` with its default `_warnings=True`, which warns
 * and extrapolates outside the calibrated range (rather than returning NaN), then
 * sets non-finite values (here the one star without a G magnitude) to 0.
 */
export function loadM67(file: string = BUNDLED_M67): M67Catalogue {
  const table = readFitsTable(file, {
    columns: [
      "ra",
      "dec",
      "parallax",
      "parallax_error",
      "phot_g_mean_mag",
      "nu_eff_used_in_astrometry",
      "pseudocolour",
      "ecl_lat",
      "astrometric_params_solved",
    ],
  });
  const plx = asFloat64(table.column("parallax"));
  const err = asFloat64(table.column("parallax_error"));
  const ra = asFloat64(table.column("ra"));
  const dec = asFloat64(table.column("dec"));
  const keep: number[] = [];
  for (let i = 0; i < table.nrows; i++) {
    if (Number.isFinite(plx[i]) && Number.isFinite(err[i]) && plx[i] > 0.2 && plx[i] < 3.0)
      keep.push(i);
  }
  const pick = (a: Float64Array) => Float64Array.from(keep, (i) => a[i]);
  const col = (name: string) => pick(asFloat64(table.column(name)));
  const zeroPoint = zeroPointL21(
    col("phot_g_mean_mag"),
    col("nu_eff_used_in_astrometry"),
    col("pseudocolour"),
    col("ecl_lat"),
    col("astrometric_params_solved"),
    { outOfRange: "extrapolate" },
  ).map((z) => (Number.isFinite(z) ? z : 0));
  return {
    file,
    rowsInFile: table.nrows,
    parallax: f32(pick(plx)),
    parallaxError: f32(pick(err)),
    zeroPoint,
    ra: pick(ra),
    dec: pick(dec),
  };
}
