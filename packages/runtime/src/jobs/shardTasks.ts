/**
 * The tasks a process can run, by name, and the one way a shard is executed (attempts, the
 * injected test fault, the write-once store), shared by the local runner and the cluster
 * entity so both compute and store a shard identically.
 */
import { Context, Effect, Exit, Layer } from "effect";
import { type Job, ShardFailed, type ShardTask } from "./job.js";
import { ShardStore } from "./shardStore.js";
import { TaskExecutor } from "./taskExecutor.js";

/** Registered tasks by name; specs arrive as JSON. */
export class ShardTasks extends Context.Service<
  ShardTasks,
  ReadonlyMap<string, ShardTask<unknown>>
>()("@sidereal/runtime/ShardTasks") {}

/** A registry holding `tasks`. */
export const shardTasksLayer = (tasks: ReadonlyArray<ShardTask<never>>): Layer.Layer<ShardTasks> =>
  Layer.succeed(ShardTasks, new Map(tasks.map((t) => [t.name, t as ShardTask<unknown>])));

/**
 * A test hook: shards for which `fails(jobId, shard)` is true throw on every attempt. The
 * default fails nothing; tests and `sidereal-runner --fail-shard K` provide another layer.
 */
export const ShardFault = Context.Reference<(jobId: string, shard: number) => boolean>(
  "@sidereal/runtime/ShardFault",
  { defaultValue: () => () => false },
);

/** Fails shard `shard` of every job (the fault-injection test layer). */
export const failShardLayer = (shard: number): Layer.Layer<never> =>
  Layer.succeed(ShardFault, (_jobId: string, s: number) => s === shard);

/** The reason an injected fault gives (the same wherever the shard runs). */
export const INJECTED_FAULT = "injected fault (test layer)";

/** How many times a shard's task is attempted before the job fails with ShardFailed. */
export const DEFAULT_ATTEMPTS = 3;

/**
 * Runs one shard unless its result is stored: up to `attempts` tries of the pure task, then
 * stores the result (write-once). Fails with ShardFailed naming the shard after the last try.
 */
export const executeShard = (
  jobId: string,
  task: ShardTask<unknown>,
  shard: number,
  spec: unknown,
  runner: string,
  attempts: number = DEFAULT_ATTEMPTS,
) =>
  Effect.gen(function* () {
    const store = yield* ShardStore;
    const fault = yield* ShardFault;
    const executor = yield* TaskExecutor;
    let reason = "";
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const result = fault(jobId, shard)
        ? Exit.fail(new Error(INJECTED_FAULT))
        : yield* Effect.exit(executor.run(task, spec));
      if (Exit.isSuccess(result)) {
        yield* store.put(jobId, shard, runner, result.value);
        return;
      }
      const why = result.cause.reasons.find((r) => r._tag === "Fail");
      reason = why?._tag === "Fail" ? why.error.message : "task interrupted or crashed";
    }
    return yield* Effect.fail(new ShardFailed({ jobId, shard, attempts, reason }));
  });

/** The shards of `job` without a stored result (a rerun computes only these). */
export const missingShards = <S>(job: Job<S>) =>
  Effect.gen(function* () {
    const store = yield* ShardStore;
    const done = yield* store.done(job.id);
    const missing: number[] = [];
    for (let i = 0; i < job.shards.length; i++) if (!done.has(i)) missing.push(i);
    return missing;
  });
