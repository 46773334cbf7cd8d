/**
 * Splitting a simulation among P workers (spec §2.1–2.2): each worker owns one redshift slice
 * and draws its own rows. Slices partition [z_lo, z_hi] exactly once (shared boundaries are
 * the same float; the last ends at z_hi exactly). Unlike agnfinder (floor(N/P) each, so the
 * total can fall short of N), the counts here sum to N: the first N mod P workers take one
 * more. Each worker's key is `foldIn(key(seed), worker)`.
 */
import { foldIn, key, type PRNGKey } from "@sidereal/distributions";
import type { FreeParams } from "../config/free-params.js";
import { type Design, drawDesign, uniformRows } from "./designs.js";

export interface RedshiftSlice {
  readonly worker: number;
  readonly zLo: number;
  readonly zHi: number;
}

/** P equal redshift slices of [zLo, zHi]. */
export function redshiftSlices(zLo: number, zHi: number, workers: number): RedshiftSlice[] {
  if (!(Number.isInteger(workers) && workers > 0))
    throw new RangeError(`workers must be a positive integer, got ${workers}`);
  if (!(zHi > zLo)) throw new RangeError(`need zLo < zHi, got [${zLo}, ${zHi}]`);
  const edge = (i: number) => (i === workers ? zHi : zLo + ((zHi - zLo) * i) / workers);
  return Array.from({ length: workers }, (_, i) => ({ worker: i, zLo: edge(i), zHi: edge(i + 1) }));
}

/** Rows per worker, summing to `total`. */
export function workerSampleCounts(total: number, workers: number): number[] {
  const base = Math.floor(total / workers);
  return Array.from({ length: workers }, (_, i) => base + (i < total % workers ? 1 : 0));
}

/** The PRNG key of one worker of a seeded run. */
export const workerKey = (seed: number, worker: number): PRNGKey => foldIn(key(seed), worker);

/**
 * Maps the normalised redshift column (`column`, of d) of unit rows into a worker's slice,
 * staying on the global [0, 1] scale (spec §2.2): u′ = (zLo_i − Zlo + u·(zHi_i − zLo_i))/(Zhi − Zlo).
 */
export function remapRedshift(
  unit: Float64Array,
  d: number,
  column: number,
  slice: RedshiftSlice,
  zRange: readonly [number, number],
): Float64Array {
  const span = zRange[1] - zRange[0];
  const a = (slice.zLo - zRange[0]) / span;
  const b = (slice.zHi - slice.zLo) / span;
  for (let i = column; i < unit.length; i += d) unit[i] = Math.min(a + b * unit[i], 1);
  return unit;
}

/**
 * The normalised rows of one worker: its design, redshift column (column 0 of the pinned θ
 * order) remapped into its slice. For `uniform`, rows [start, start + count) of the worker's
 * stream (chunks are independent); for `lhs`, the whole design of `count` rows (start must be 0).
 */
export function workerUnitRows(
  fp: FreeParams,
  seed: number,
  slice: RedshiftSlice,
  design: Design,
  count: number,
  start = 0,
): Float64Array {
  const d = fp.columns.length;
  const k = workerKey(seed, slice.worker);
  if (design === "lhs" && start !== 0)
    throw new RangeError("a Latin hypercube is drawn whole: start must be 0");
  const unit =
    design === "uniform" ? uniformRows(k, start, count, d) : drawDesign(design, k, count, d);
  const z = fp.columns.indexOf("redshift");
  return remapRedshift(unit, d, z, slice, [fp.limits[2 * z], fp.limits[2 * z + 1]]);
}
