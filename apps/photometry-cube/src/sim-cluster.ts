/**
 * `sim --runner cluster --storage URL [--runners N]`: the partial files of the slices still to
 * compute, from a JobRunner job on Effect Cluster instead of one worker thread per slice. The
 * job's shards are the slices × chunks of `--shard-rows` rows (`cube-shards.ts`); each shard's
 * result is stored once by the runtime (a retried or redelivered shard writes nothing twice,
 * and a rerun reuses what is stored). The rows of each slice are then written, in order, to
 * its partial file, which the sim command combines as it combines local partials.
 */
import { type CubeLayout, openCubeWriter } from "@sidereal/photometry";
import { JobRunner, Progress, RunError, runnerChoiceLayer } from "@sidereal/runtime";
import { Effect } from "effect";
import {
  CUBE_TASK_MODULE,
  cubeJobId,
  cubeShards,
  cubeShardTask,
  decodeCubeRows,
} from "./cube-shards.js";
import type { ShardInput, ShardResult } from "./shard.js";
import type { SimPlan } from "./sim.js";

export const simulateOnJobRunner = (
  plan: SimPlan,
  todo: ReadonlyArray<ShardInput>,
  layout: CubeLayout,
) =>
  Effect.gen(function* () {
    if (todo.length === 0) return [] as ShardResult[];
    const progress = yield* Progress;
    const shards = cubeShards(plan, todo, plan.shardRows);
    const id = cubeJobId(shards, plan);
    progress.message(
      `job ${id}: ${shards.length} shards (${todo.length} slices × chunks of ≤ ${plan.shardRows} rows) on ${plan.runner.runner} storage`,
    );
    const t0 = performance.now();
    const results = yield* Effect.gen(function* () {
      const runner = yield* JobRunner;
      return yield* runner.run({ id, task: cubeShardTask, shards });
    }).pipe(Effect.provide(runnerChoiceLayer(plan.runner, [CUBE_TASK_MODULE])));
    const seconds = (performance.now() - t0) / 1000;
    const d = layout.columns.length;
    for (const input of todo) {
      const writer = yield* openCubeWriter(input.path, layout, input.count);
      const write = Effect.forEach(
        shards.flatMap((s, k) => (s.slice.worker === input.slice.worker ? [k] : [])),
        (k) => writer.write(shards[k].start, decodeCubeRows(results[k], shards[k].rows, d)),
        { discard: true },
      );
      yield* write.pipe(Effect.tapError(() => writer.abort()));
      yield* writer.close();
    }
    return todo.map((s): ShardResult => ({ rows: s.count, seconds }));
  }).pipe(
    Effect.catchTag("CubeFileError", (e) =>
      Effect.fail(new RunError({ stage: "writing the partial files", reason: e.message })),
    ),
  );
