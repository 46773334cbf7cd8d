/**
 * The catalogue's shard task: rows [start, end) of a Gaia table → for each row the corrected
 * parallax and the EDSD posterior median, 16 % and 84 % quantiles and mode, as five
 * consecutive float64 columns. Pure and idempotent (the file is read, never written), so the
 * JobRunner may run it again anywhere. Runner processes load it with
 * `sidereal-runner --tasks <this module>`.
 */
import { edsdDistances, makeEdsdScratch } from "@sidereal/parallax";
import type { ShardTask } from "@sidereal/runtime";
import { loadGaiaTable } from "./table.js";

export interface CatalogueShard {
  readonly file: string;
  readonly start: number;
  readonly end: number;
  /** EDSD length scale [pc]. */
  readonly L: number;
}

/** Result columns, in order, of a shard's bytes. */
export const SHARD_COLUMNS = [
  "parallax_corrected",
  "dist_median",
  "dist_q16",
  "dist_q84",
  "dist_mode",
] as const;

/** The shard's result for rows [start, end) of the table (n = end − start). */
export function computeShard(spec: CatalogueShard): Float64Array {
  const t = loadGaiaTable(spec.file);
  const n = spec.end - spec.start;
  const buf = new Float64Array(5 * n);
  const out = {
    median: buf.subarray(n, 2 * n),
    q16: buf.subarray(2 * n, 3 * n),
    q84: buf.subarray(3 * n, 4 * n),
    mode: buf.subarray(4 * n, 5 * n),
  };
  const plx = t.parallax.subarray(spec.start, spec.end);
  const err = t.parallaxError.subarray(spec.start, spec.end);
  const zp = t.zeroPoint.subarray(spec.start, spec.end);
  for (let i = 0; i < n; i++) buf[i] = plx[i] - zp[i];
  edsdDistances(plx, err, zp, spec.L, out, 0, n, makeEdsdScratch());
  return buf;
}

export const catalogueTask: ShardTask<CatalogueShard> = {
  name: "gaia-distances/catalogue",
  run: (spec) => new Uint8Array(computeShard(spec).buffer),
  // worker threads of the local runner import this module (built JavaScript)
  module: import.meta.url,
};

/** The module to pass to `sidereal-runner --tasks`. */
export const CATALOGUE_TASK_MODULE = import.meta.url;
