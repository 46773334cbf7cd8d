/**
 * Loading the two data sets of seed 002: the 1-D Gaussian sample (raw little-endian
 * float64) and the GD-1 candidate stars (FITS) with the seed's cut phi2 > −7 deg. The
 * loaders throw; `loadGaussian1dChecked` / `loadGd1Checked` are their Effect forms for the
 * pipeline, failing with a `DataError` that names the file, column, row and value before
 * anything is fitted or written.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { asFloat64, readFitsTable } from "@sidereal/io";
import { checkNotEmpty, DataError, reasonOf } from "@sidereal/runtime";
import { Effect } from "effect";

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
    throw new Error(`size ${buf.byteLength} bytes is not a multiple of 8 (float64)`);
  const n = buf.byteLength / 8;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const m = maxPoints > 0 ? Math.min(maxPoints, n) : n;
  const z = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    z[i] = view.getFloat64(8 * i, true);
    if (!Number.isFinite(z[i]))
      throw Object.assign(new Error(`value ${z[i]} is not finite`), { row: i });
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
  /** Row in the file (0-based) of each kept star. */
  readonly rows: readonly number[];
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
    rows,
  };
}

/** A throw of a loader as a DataError (a FitsError's column becomes the field). */
const dataError = (file: string) => (e: unknown) => {
  const column = (e as { column?: unknown }).column;
  const row = (e as { row?: unknown }).row;
  return new DataError({
    file,
    ...(typeof column === "string" ? { field: column } : {}),
    ...(typeof row === "number" ? { row } : {}),
    reason: (e as { reason?: string }).reason ?? reasonOf(e),
  });
};

/**
 * {@link loadGaussian1d} as an Effect: a missing, unreadable or ragged file, a non-finite
 * value, no values, or (when `domain` is given) a value outside it are DataErrors.
 */
export const loadGaussian1dChecked = (
  file: string,
  maxPoints: number,
  domain?: readonly [number, number],
): Effect.Effect<Float64Array, DataError> =>
  Effect.gen(function* () {
    const z = yield* Effect.try({
      try: () => loadGaussian1d(file, maxPoints),
      catch: dataError(file),
    });
    yield* checkNotEmpty(file, z.length, "no values");
    if (domain !== undefined) {
      const i = z.findIndex((v) => v < domain[0] || v > domain[1]);
      if (i >= 0)
        return yield* new DataError({
          file,
          row: i,
          reason: `value ${z[i]} is outside the spline domain [${domain[0]}, ${domain[1]}]`,
        });
    }
    return z;
  });

/**
 * {@link loadGd1} as an Effect: a missing, truncated or column-less file, a non-finite
 * φ₁ or φ₂ in a kept row, or no star after the cut are DataErrors.
 */
export const loadGd1Checked = (
  file: string,
  maxStars: number,
): Effect.Effect<Gd1Catalogue, DataError> =>
  Effect.gen(function* () {
    const cat = yield* Effect.try({ try: () => loadGd1(file, maxStars), catch: dataError(file) });
    yield* checkNotEmpty(
      file,
      cat.phi1.length,
      `no star passes the cut gd1_phi2 > ${GD1_PHI2_MIN}`,
    );
    for (const [field, v] of [
      ["gd1_phi1", cat.phi1],
      ["gd1_phi2", cat.phi2],
    ] as const) {
      const i = v.findIndex((x) => !Number.isFinite(x));
      if (i >= 0)
        return yield* new DataError({
          file,
          field,
          row: cat.rows[i],
          reason: `value ${v[i]} is not finite`,
        });
    }
    return cat;
  });
