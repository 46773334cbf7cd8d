/**
 * One worker's share of a simulation (agnfinder's per-process `simulate`): its rows of the
 * design, redshift remapped into its slice, run through the forward model in blocks and
 * written to its partial file, which appears under its final name only when complete
 * (`openCubeWriter` writes a temporary file and renames it). The rows are a function of
 * (seed, worker, count, slice, design) alone, so a shard recomputed after a crash is the
 * same bit for bit. Runs in a worker thread (`runTasks`); this module starts nothing at its
 * top level.
 */
import {
  openCubeWriter,
  type RedshiftSlice,
  simulateRows,
  workerUnitRows,
} from "@sidereal/photometry";
import type { TaskReport } from "@sidereal/runtime";
import { Effect } from "effect";
import { buildModel, type ModelSettings } from "./model-build.js";

export interface ShardInput {
  readonly settings: ModelSettings;
  readonly seed: number;
  readonly design: "uniform" | "lhs";
  readonly slice: RedshiftSlice;
  readonly count: number;
  /** The partial file to write. */
  readonly path: string;
}

export interface ShardResult {
  readonly rows: number;
  readonly seconds: number;
}

const BLOCK_ROWS = 1024;

/** Simulates and writes one shard (see the module doc). */
export async function simulateShard(input: ShardInput, report: TaskReport): Promise<ShardResult> {
  const { model, fp, layout } = await Effect.runPromise(buildModel(input.settings));
  const t0 = performance.now();
  const d = fp.columns.length;
  const n = input.count;
  const detail = `z ${input.slice.zLo.toFixed(3)}-${input.slice.zHi.toFixed(3)}`;
  // a Latin hypercube is drawn whole (its strata span all rows); uniform rows stream
  const lhs =
    input.design === "lhs" ? workerUnitRows(fp, input.seed, input.slice, "lhs", n) : undefined;
  const program = Effect.gen(function* () {
    const writer = yield* openCubeWriter(input.path, layout, n);
    const body = Effect.gen(function* () {
      for (let start = 0; start < n; start += BLOCK_ROWS) {
        const m = Math.min(BLOCK_ROWS, n - start);
        const unit = lhs
          ? lhs.slice(start * d, (start + m) * d)
          : workerUnitRows(fp, input.seed, input.slice, "uniform", m, start);
        yield* writer.write(start, simulateRows(model, fp, unit));
        report(start + m, n, detail);
      }
    });
    yield* body.pipe(Effect.tapError(() => writer.abort()));
    yield* writer.close();
  });
  report(0, n, detail);
  await Effect.runPromise(program);
  return { rows: n, seconds: (performance.now() - t0) / 1000 };
}
