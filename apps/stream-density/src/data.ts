/**
 * Loading the two data sets of seed 002: the 1-D Gaussian sample (raw little-endian
 * float64) and the GD-1 candidate stars (FITS) with the seed's cut phi2 > −7 deg.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { asFloat64, readFitsTable } from "@sidereal/io";

/** The bundled 1-D sample: 100,000 draws from N(0.03, 0.31) (see data/README.md). */
export const BUNDLED_GAUSSIAN_1D = fileURLToPath(
  new URL("../data/gaussian_1d.f64", import.meta.url),
);
/** The bundled GD-1 catalogue (Gaia DR3 × PS1 DR2, 3369 rows; see data/README.md). */
export const BUNDLED_GD1 = fileURLToPath(new URL("../data/gd1-gaiadr3-blog.fits", import.meta.url));

/** The true density of the 1-D sample: mean and standard deviation of its generator. */
export const TRUE_GAUSSIAN = { mean: 0.03, std: 0.31 } as const;

/**
 * Reads a raw little-endian float64 file (no header). Throws on a missing file, a size
 * that is not a multiple of 8, or non-finite values. `maxPoints` > 0 keeps the first
 * `maxPoints` values (for quick looks and tests).
 */
export function loadGaussian1d(file: string = BUNDLED_GAUSSIAN_1D, maxPoints = 0): Float64Array {
  const buf = readFileSync(file);
  if (buf.byteLength % 8 !== 0)
    throw new Error(`${file}: size ${buf.byteLength} bytes is not a multiple of 8 (float64)`);
  const n = buf.byteLength / 8;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const m = maxPoints > 0 ? Math.min(maxPoints, n) : n;
  const z = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    z[i] = view.getFloat64(8 * i, true);
    if (!Number.isFinite(z[i])) throw new Error(`${file}: value ${i} is not finite (${z[i]})`);
  }
  return z;
}

/** The GD-1 stars after the seed's cut, in file order. */
export interface Gd1Catalogue {
  readonly file: string;
  /** Rows in the file before the cut. */
  readonly rowsInFile: number;
  /** Stream longitude φ₁ [deg] (Koposov et al. 2010 frame). */
  readonly phi1: Float64Array;
  /** Stream latitude φ₂ [deg]. */
  readonly phi2: Float64Array;
}

/** The seed's data cut: keep stars with φ₂ > −7 deg. */
export const GD1_PHI2_MIN = -7;

/**
 * Reads `gd1_phi1`, `gd1_phi2` and keeps rows with phi2 > −7 (the seed's cell 29:
 * 3369 → 2960 rows for the bundled file). `maxStars` > 0 keeps every k-th star so that
 * the subset still spans the field (k = ⌈n / maxStars⌉). Throws a FitsError naming the
 * file or the missing column.
 */
export function loadGd1(file: string = BUNDLED_GD1, maxStars = 0): Gd1Catalogue {
  const table = readFitsTable(file, { columns: ["gd1_phi1", "gd1_phi2"] });
  const p1 = asFloat64(table.column("gd1_phi1"));
  const p2 = asFloat64(table.column("gd1_phi2"));
  const keep: number[] = [];
  for (let i = 0; i < table.nrows; i++) if (p2[i] > GD1_PHI2_MIN) keep.push(i);
  let rows = keep;
  if (maxStars > 0 && maxStars < keep.length) {
    const stride = Math.ceil(keep.length / maxStars);
    rows = keep.filter((_, j) => j % stride === 0);
  }
  return {
    file,
    rowsInFile: table.nrows,
    phi1: Float64Array.from(rows, (i) => p1[i]),
    phi2: Float64Array.from(rows, (i) => p2[i]),
  };
}
