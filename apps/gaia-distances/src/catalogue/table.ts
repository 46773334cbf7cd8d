/**
 * A Gaia table for the `catalogue` command: every row with a finite parallax and a finite,
 * positive parallax error (in file order), and its Lindegren et al. (2021, A&A 649, A4)
 * zero point.
 *
 * When the file has the L21 inputs (phot_g_mean_mag, nu_eff_used_in_astrometry, pseudocolour,
 * ecl_lat, astrometric_params_solved) they are used as they are (outside the calibrated range
 * extrapolated, non-finite results set to 0, as seed 004 does). A file with only G, BP and RP
 * magnitudes and ra/dec (e.g. the bundled GD-1 table) gets an approximate zero point, said so
 * in meta.json: five-parameter solutions assumed, ν_eff from BP − RP by the relation the
 * EDR3 astrometric solution used (Lindegren et al. 2021, A&A 649, A2, Eq. 3:
 * ν_eff = 1.76 − (1.61/π) atan(0.531 C), clamped to [1.24, 1.72] μm⁻¹) and ecliptic latitude
 * from (ra, dec) with the J2000 obliquity.
 */
import { statSync } from "node:fs";
import { asFloat64, readFitsTable } from "@sidereal/io";
import { zeroPointL21 } from "@sidereal/parallax";
import { l21ZeroPoint, type ParallaxTable } from "../data.js";

export interface GaiaTable extends ParallaxTable {
  /** How the zero point's inputs were obtained ("file columns" or the approximation). */
  readonly zeroPointInputs: string;
}

const L21_COLUMNS = [
  "phot_g_mean_mag",
  "nu_eff_used_in_astrometry",
  "pseudocolour",
  "ecl_lat",
  "astrometric_params_solved",
] as const;

/** J2000 obliquity of the ecliptic [deg] (IAU 1976: 23° 26′ 21.448″). */
const OBLIQUITY_DEG = 23.4392911;

const eclipticLatitude = (raDeg: number, decDeg: number): number => {
  const d = Math.PI / 180;
  const e = OBLIQUITY_DEG * d;
  const s =
    Math.sin(decDeg * d) * Math.cos(e) - Math.cos(decDeg * d) * Math.sin(e) * Math.sin(raDeg * d);
  return Math.asin(Math.max(-1, Math.min(1, s))) / d;
};

const nuEffFromColour = (c: number): number =>
  Math.min(1.72, Math.max(1.24, 1.76 - (1.61 / Math.PI) * Math.atan(0.531 * c)));

const cache = new Map<string, GaiaTable>();

/** Reads (once per process and file version) the table; throws the FitsError of @sidereal/io. */
export function loadGaiaTable(file: string): GaiaTable {
  const key = `${file}:${statSync(file).mtimeMs}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const table = readFitsTable(file);
  const names = new Set(table.columns.map((c) => c.name));
  const plx = asFloat64(table.column("parallax"));
  const err = asFloat64(table.column("parallax_error"));
  const keep: number[] = [];
  for (let i = 0; i < table.nrows; i++)
    if (Number.isFinite(plx[i]) && err[i] > 0 && err[i] < Number.POSITIVE_INFINITY) keep.push(i);
  const pick = (a: ArrayLike<number>) => Float64Array.from(keep, (i) => a[i]);
  const col = (name: string) => pick(asFloat64(table.column(name)));
  const ids = table.column("source_id").data as ArrayLike<number | bigint>;
  let zp: Float64Array;
  let inputs: string;
  if (L21_COLUMNS.every((c) => names.has(c))) {
    zp = l21ZeroPoint(col);
    inputs = "file columns";
  } else {
    const g = col("phot_g_mean_mag");
    const colour = names.has("bp_rp")
      ? col("bp_rp")
      : Float64Array.from(
          col("phot_bp_mean_mag"),
          (bp, k) => bp - asFloat64(table.column("phot_rp_mean_mag"))[keep[k]],
        );
    const ra = col("ra");
    const dec = col("dec");
    const nu = Float64Array.from(colour, (c) =>
      Number.isFinite(c) ? nuEffFromColour(c) : Number.NaN,
    );
    const beta = Float64Array.from(ra, (a, k) => eclipticLatitude(a, dec[k]));
    zp = zeroPointL21(
      g,
      nu,
      new Float64Array(keep.length).fill(Number.NaN),
      beta,
      new Float64Array(keep.length).fill(31),
      {
        outOfRange: "extrapolate",
      },
    );
    inputs =
      "approximate: 5-parameter solutions assumed, nu_eff from BP-RP (Lindegren et al. 2021 A&A 649 A2 Eq. 3), ecl_lat from ra/dec";
  }
  const out: GaiaTable = {
    file,
    rowsInFile: table.nrows,
    sourceId: keep.map((i) => String(ids[i])),
    parallax: pick(plx),
    parallaxError: pick(err),
    zeroPoint: zp.map((z) => (Number.isFinite(z) ? z : 0)),
    zeroPointInputs: inputs,
  };
  cache.set(key, out);
  return out;
}
