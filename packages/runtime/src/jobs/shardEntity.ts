/**
 * The cluster entity that runs shards. One entity per (job, shard, submission): the message
 * is persisted in the cluster's SQL storage, so when the runner holding the shard dies the
 * message is delivered again to the runner that takes the shard over; the task's result is
 * written once by `executeShard`, whoever runs it.
 */
import { Effect, Schema } from "effect";
import { ClusterSchema, Entity } from "effect/cluster";
import { Rpc } from "effect/rpc";
import { ShardFailed } from "./job.js";
import { executeShard, ShardTasks } from "./shardTasks.js";

export const RunShard = Rpc.make("RunShard", {
  payload: {
    jobId: Schema.String,
    submission: Schema.String,
    task: Schema.String,
    shard: Schema.Number,
    /** The shard's spec as JSON text. */
    spec: Schema.String,
    attempts: Schema.Number,
  },
  success: Schema.Void,
  error: ShardFailed,
  primaryKey: (p) => `${p.jobId}/${p.shard}/${p.submission}`,
}).annotate(ClusterSchema.Persisted, true);

export const ShardEntity = Entity.make("SiderealShard", [RunShard]);

/** The entity id of a shard of a submission. */
export const shardEntityId = (jobId: string, shard: number, submission: string): string =>
  `${jobId}/${shard}/${submission}`;

/** The runner-side handlers (needs the task registry and the result store). */
export const shardEntityLayer = (runnerName: string) =>
  ShardEntity.toLayer(
    Effect.gen(function* () {
      const tasks = yield* ShardTasks;
      return ShardEntity.of({
        RunShard: ({ payload }) => {
          const task = tasks.get(payload.task);
          if (task === undefined)
            return Effect.fail(
              new ShardFailed({
                jobId: payload.jobId,
                shard: payload.shard,
                attempts: 0,
                reason: `runner ${runnerName} has no task ${payload.task} (start it with --tasks MODULE)`,
              }),
            );
          return executeShard(
            payload.jobId,
            task,
            payload.shard,
            JSON.parse(payload.spec),
            runnerName,
            payload.attempts,
          ).pipe(
            // the store could not be written: a defect, so the engine retries the message
            Effect.catchTag("JobStorageError", (e) => Effect.die(e)),
          );
        },
      });
    }),
    { concurrency: 1 },
  );
