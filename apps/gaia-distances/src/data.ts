/**
 * Loading the M67 catalogue: the seed's selection (finite parallax and error,
 * 0.2 < parallax < 3.0 mas, original row order) and its float32 casts.
 */
import { fileURLToPath } from "node:url";
import { asFloat64, readFitsTable } from "@sidereal/io";

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
  /** Parallax zero point [mas] per star (0 where not computed or non-finite, as in the seed). */
  readonly zeroPoint: Float64Array;
  readonly ra: Float64Array;
  readonly dec: Float64Array;
}

const f32 = (x: Float64Array): Float64Array => Float64Array.from(Float32Array.from(x));

/**
 * Reads the catalogue and applies the seed's cuts. Zero points are 0 until the
 * Lindegren et al. (2021) correction of @sidereal/parallax is wired in; the seed sets
 * non-finite zero points to 0 too, so this is the seed's model with plx_zp = 0.
 */
export function loadM67(file: string = BUNDLED_M67): M67Catalogue {
  const table = readFitsTable(file, { columns: ["ra", "dec", "parallax", "parallax_error"] });
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
  return {
    file,
    rowsInFile: table.nrows,
    parallax: f32(pick(plx)),
    parallaxError: f32(pick(err)),
    zeroPoint: new Float64Array(keep.length),
    ra: pick(ra),
    dec: pick(dec),
  };
}
