/**
 * The cube as a JobRunner job (`sim --runner cluster`): shards are redshift slices × chunks of
 * rows. A shard is rows [start, start + rows) of worker `slice.worker`'s design — the same
 * rows, from the same key, that the local run's worker draws (uniform rows are a counter-based
 * stream, chunks independent; a Latin hypercube is drawn whole and cut) — run through the
 * forward model. Its result is the rows' θ, normalised θ and photometry as float64 bytes, so
 * the partial files assembled from the shards hold exactly the local run's rows and the
 * combined cube equals the local one byte for byte. Pure and idempotent: runner processes load
 * this module with `sidereal-runner --tasks`; it starts nothing at its top level.
 */
import { createHash } from "node:crypto";
import {
  type CubeRows,
  type RedshiftSlice,
  simulateRows,
  workerUnitRows,
} from "@sidereal/photometry";
import type { ShardTask } from "@sidereal/runtime";
import { Effect } from "effect";
import { buildModel, type LoadedModel, type ModelSettings } from "./model-build.js";

export interface CubeShard {
  readonly settings: ModelSettings;
  readonly seed: number;
  readonly design: "uniform" | "lhs";
  readonly slice: RedshiftSlice;
  /** Rows of the whole slice (its worker's design size). */
  readonly count: number;
  /** This shard's rows of the slice: [start, start + rows). */
  readonly start: number;
  readonly rows: number;
}

/** What fixes a cube's rows (for the shards and the job id). */
export interface CubeJobPlan {
  readonly settings: ModelSettings;
  readonly seed: number;
  readonly design: "uniform" | "lhs";
  readonly n: number;
  readonly workers: number;
}

/** The shards of the given slices (with their row counts), slice after slice, each cut into chunks of `shardRows`. */
export function cubeShards(
  plan: CubeJobPlan,
  slices: ReadonlyArray<{ readonly slice: RedshiftSlice; readonly count: number }>,
  shardRows: number,
): CubeShard[] {
  // the config file's name only labels errors: it does not change the rows
  const { configFile: _, ...settings } = plan.settings;
  const shards: CubeShard[] = [];
  for (const { slice, count } of slices) {
    for (let start = 0; start < count; start += shardRows)
      shards.push({
        settings,
        seed: plan.seed,
        design: plan.design,
        slice,
        count,
        start,
        rows: Math.min(shardRows, count - start),
      });
  }
  return shards;
}

/** A job id that changes with everything that fixes the shards (results are reused only then). */
export const cubeJobId = (shards: ReadonlyArray<CubeShard>, plan: CubeJobPlan): string =>
  `cube-${createHash("sha256")
    .update(JSON.stringify([plan.n, plan.workers, shards]))
    .digest("hex")
    .slice(0, 16)}`;

// a runner builds the model once per settings, not once per shard (it takes about a second)
const models = new Map<string, LoadedModel>();
const modelOf = (settings: ModelSettings): LoadedModel => {
  const k = JSON.stringify(settings);
  let m = models.get(k);
  if (m === undefined) {
    m = Effect.runSync(buildModel(settings));
    models.set(k, m);
  }
  return m;
};

/** The rows of one shard (see the module doc). */
export function simulateCubeShard(spec: CubeShard): CubeRows {
  const { model, fp } = modelOf(spec.settings);
  const d = fp.columns.length;
  const unit =
    spec.design === "lhs"
      ? workerUnitRows(fp, spec.seed, spec.slice, "lhs", spec.count).slice(
          spec.start * d,
          (spec.start + spec.rows) * d,
        )
      : workerUnitRows(fp, spec.seed, spec.slice, "uniform", spec.rows, spec.start);
  return simulateRows(model, fp, unit);
}

/** A shard's rows as bytes: θ, normalised θ, photometry, float64 each. */
export function encodeCubeRows(r: CubeRows): Uint8Array {
  const out = new Float64Array(r.theta.length + r.normalisedTheta.length + r.simulatedY.length);
  out.set(r.theta, 0);
  out.set(r.normalisedTheta, r.theta.length);
  out.set(r.simulatedY, r.theta.length + r.normalisedTheta.length);
  return new Uint8Array(out.buffer);
}

/** The rows of a shard's bytes (`rows` rows of `d` parameters; copied: stored bytes need not be aligned). */
export function decodeCubeRows(bytes: Uint8Array, rows: number, d: number): CubeRows {
  const all = new Float64Array(Uint8Array.from(bytes).buffer);
  const t = rows * d;
  if (all.length <= 2 * t || (all.length - 2 * t) % rows !== 0)
    throw new RangeError(
      `a shard of ${rows} rows × ${d} parameters cannot hold ${all.length} values`,
    );
  return {
    theta: all.subarray(0, t),
    normalisedTheta: all.subarray(t, 2 * t),
    simulatedY: all.subarray(2 * t),
  };
}

export const cubeShardTask: ShardTask<CubeShard> = {
  name: "photometry-cube/sim",
  run: (spec) => encodeCubeRows(simulateCubeShard(spec)),
  // runner processes and local worker threads import this module (built JavaScript)
  module: import.meta.url,
};

/** The module to pass to `sidereal-runner --tasks`. */
export const CUBE_TASK_MODULE = import.meta.url;
