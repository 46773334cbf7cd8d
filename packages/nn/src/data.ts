/**
 * The data pipeline of spec §4.1: x = `simulated_y` (M, F) maggies through the photometry
 * transform, y = `normalised_theta` (M, 9) reordered to the hypercube's column order by the
 * cube's `columns` attribute; one `.hdf5` or every `.hdf5` of a directory, concatenated; a
 * seeded split with a train fraction (agnfinder 0.8).
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { FREE_PARAM_COLUMNS, readCubeInfo, readCubeRows } from "@sidereal/photometry";
import { Effect } from "effect";
import type { PhotTransform } from "./config.js";
import { SanFileError, SanInputError } from "./errors.js";
import { mulberry32, permutation } from "./rng.js";

export interface CubeData {
  readonly files: readonly string[];
  readonly rows: number;
  readonly bands: readonly string[];
  readonly columns: readonly string[];
  /** (M, F) AB maggies, float64. */
  readonly maggies: Float64Array;
  /** (M, D) normalised θ in `columns` order. */
  readonly y: Float64Array;
  /** (D, 2) hypercube limits and log flags, for denormalising. */
  readonly ranges: Float64Array;
  readonly log: readonly boolean[];
}

const cubeFiles = (path: string): string[] => {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((f) => f.endsWith(".hdf5"))
    .sort()
    .map((f) => join(path, f));
};

/** Loads one cube file, or every `.hdf5` of a directory, into memory. */
export const loadCube = (path: string): Effect.Effect<CubeData, SanFileError | SanInputError> =>
  Effect.gen(function* () {
    const files = yield* Effect.try({
      try: () => cubeFiles(path),
      catch: (e) => new SanFileError({ file: path, reason: String(e) }),
    });
    if (files.length === 0)
      return yield* new SanFileError({ file: path, reason: "no .hdf5 cube files" });
    const parts: { maggies: Float64Array; y: Float64Array }[] = [];
    let bands: readonly string[] = [];
    let ranges = new Float64Array(0);
    let log: readonly boolean[] = [];
    const columns = [...FREE_PARAM_COLUMNS];
    for (const file of files) {
      const toFileError = (e: { reason: string }) => new SanFileError({ file, reason: e.reason });
      const info = yield* readCubeInfo(file).pipe(Effect.mapError(toFileError));
      const rows = yield* readCubeRows(file, 0, info.rows).pipe(Effect.mapError(toFileError));
      const D = info.layout.columns.length;
      // Reorder y to the pinned column order by the cube's `columns` attribute.
      const index = columns.map((c) => info.layout.columns.indexOf(c));
      const missing = columns.filter((_, j) => index[j] < 0);
      if (missing.length > 0)
        return yield* new SanInputError({
          field: `${file}: columns`,
          value: info.layout.columns.join(","),
          reason: `missing ${missing.join(", ")}`,
        });
      if (bands.length > 0 && bands.join() !== info.layout.bands.join())
        return yield* new SanInputError({
          field: `${file}: bands`,
          value: info.layout.bands.join(","),
          reason: `differ from ${bands.join(",")}`,
        });
      bands = info.layout.bands;
      const y = new Float64Array(info.rows * columns.length);
      for (let r = 0; r < info.rows; r++)
        for (let j = 0; j < columns.length; j++)
          y[r * columns.length + j] = rows.normalisedTheta[r * D + index[j]];
      ranges = Float64Array.from(
        index.flatMap((i) => [info.layout.ranges[2 * i], info.layout.ranges[2 * i + 1]]),
      );
      log = index.map((i) => info.layout.log[i]);
      parts.push({ maggies: rows.simulatedY, y });
    }
    const concat = (xs: Float64Array[]) => {
      const out = new Float64Array(xs.reduce((s, a) => s + a.length, 0));
      let o = 0;
      for (const a of xs) {
        out.set(a, o);
        o += a.length;
      }
      return out;
    };
    const maggies = concat(parts.map((p) => p.maggies));
    return {
      files,
      rows: maggies.length / bands.length,
      bands,
      columns,
      maggies,
      y: concat(parts.map((p) => p.y)),
      ranges,
      log,
    };
  });

/** Per-band statistics a transform needs (empty for `normalise-phot`). */
export interface TransformStats {
  readonly kind: PhotTransform;
  readonly mean: readonly number[];
  readonly std: readonly number[];
}

/** Fits the transform's statistics on (training) maggies (M, F). */
export function fitTransform(
  kind: PhotTransform,
  maggies: Float64Array,
  F: number,
): TransformStats {
  if (kind === "normalise-phot") return { kind, mean: [], std: [] };
  const M = maggies.length / F;
  const mean = new Array<number>(F).fill(0);
  const sq = new Array<number>(F).fill(0);
  for (let r = 0; r < M; r++)
    for (let f = 0; f < F; f++) {
      const l = Math.log(maggies[r * F + f]);
      mean[f] += l;
      sq[f] += l * l;
    }
  for (let f = 0; f < F; f++) {
    mean[f] /= M;
    sq[f] = Math.sqrt(Math.max(sq[f] / M - mean[f] * mean[f], 1e-12));
  }
  return { kind, mean, std: sq };
}

/**
 * Network inputs (M, F) float32 from maggies. `normalise-phot`: ℓ = ln maggies, x′ = ℓ/Σℓ;
 * `standardised-ln`: (ℓ − mean)/std per band. A non-positive or non-finite maggie gives NaN.
 */
export function transformPhotometry(
  stats: TransformStats,
  maggies: Float64Array,
  F: number,
): Float32Array {
  const M = maggies.length / F;
  const out = new Float32Array(M * F);
  const l = new Float64Array(F);
  for (let r = 0; r < M; r++) {
    let s = 0;
    for (let f = 0; f < F; f++) {
      const m = maggies[r * F + f];
      l[f] = m > 0 && Number.isFinite(m) ? Math.log(m) : Number.NaN;
      s += l[f];
    }
    for (let f = 0; f < F; f++)
      out[r * F + f] =
        stats.kind === "normalise-phot" ? l[f] / s : (l[f] - stats.mean[f]) / stats.std[f];
  }
  return out;
}

export interface Split {
  readonly train: Uint32Array;
  readonly test: Uint32Array;
}

/** Seeded random split: the first ⌊fraction·M⌋ rows of a seeded permutation train. */
export function seededSplit(rows: number, trainFraction: number, seed: number): Split {
  const p = permutation(rows, mulberry32(seed));
  const n = Math.floor(trainFraction * rows);
  return { train: p.slice(0, n).sort(), test: p.slice(n).sort() };
}

/** Gathers rows `index` of a row-major (M, C) array into float32. */
export function gatherRows(
  src: ArrayLike<number>,
  C: number,
  index: ArrayLike<number>,
  out = new Float32Array(index.length * C),
): Float32Array {
  for (let i = 0; i < index.length; i++) {
    const o = index[i] * C;
    for (let c = 0; c < C; c++) out[i * C + c] = src[o + c];
  }
  return out;
}
