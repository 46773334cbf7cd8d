/**
 * The local runner: a job's missing shards on this machine. With `workers` > 1 and a task
 * that names its module (built JavaScript), the shards are dealt round-robin into `workers`
 * lanes run by `runTasks` in worker threads (one thread per lane; see `shardLane.ts`);
 * otherwise they run one after the other in this thread. Either way each shard gets the same
 * attempts and its result is written once to the store, and the results are returned in
 * shard order, so the output does not depend on the number of workers.
 */
import { Effect, Exit } from "effect";
import type { RunError } from "../errors.js";
import { runTasks } from "../taskPool.js";
import { insideWorker } from "../workerMarker.js";
import { type Job, type JobStorageError, ShardFailed, type ShardTask } from "./job.js";
import type { LaneInput, LaneOutcome } from "./shardLane.js";
import { ShardStore } from "./shardStore.js";
import { executeShard, INJECTED_FAULT, missingShards, ShardFault } from "./shardTasks.js";

const LANE_REF = {
  module: new URL("./shardLane.js", import.meta.url).href,
  export: "runShardLane",
};

const isJavaScript = (url: string) => /\.m?js$/.test(url);

/**
 * True when worker threads can run the task: its module and the lane module are built
 * JavaScript (not TypeScript source under a test runner) and this is not itself a worker.
 */
export const workerLoadable = (
  task: ShardTask<unknown>,
): task is ShardTask<unknown> & { module: string } =>
  task.module !== undefined &&
  isJavaScript(task.module) &&
  isJavaScript(LANE_REF.module) &&
  !insideWorker();

const firstFailure = (exits: ReadonlyArray<Exit.Exit<unknown, ShardFailed | JobStorageError>>) => {
  for (const exit of exits) {
    if (Exit.isSuccess(exit)) continue;
    const fail = exit.cause.reasons.find((r) => r._tag === "Fail");
    if (fail?._tag === "Fail") return fail.error;
  }
  return undefined;
};

/** Shards one after the other in this thread. */
const sequential = <S>(job: Job<S>, missing: ReadonlyArray<number>, attempts: number) =>
  Effect.gen(function* () {
    const exits = [];
    for (const i of missing)
      exits.push(
        yield* Effect.exit(
          executeShard(job.id, job.task as ShardTask<unknown>, i, job.shards[i], "local", attempts),
        ),
      );
    return firstFailure(exits);
  });

/** Shards in `workers` lanes of worker threads (see the module doc). */
const inLanes = <S>(
  job: Job<S>,
  module: string,
  missing: ReadonlyArray<number>,
  attempts: number,
  workers: number,
) =>
  Effect.gen(function* () {
    const store = yield* ShardStore;
    const fault = yield* ShardFault;
    const faulty = missing.filter((i) => fault(job.id, i));
    const healthy = missing.filter((i) => !fault(job.id, i));
    const laneCount = Math.min(workers, healthy.length);
    const lanes: LaneInput[] = Array.from({ length: laneCount }, (_, l) => ({
      module,
      task: job.task.name,
      attempts,
      shards: healthy
        .filter((_, k) => k % laneCount === l)
        .map((i) => ({ shard: i, spec: job.shards[i] })),
    }));
    // one runTasks call per lane, so that a lane whose worker keeps crashing fails only its
    // own shards: the other lanes finish and their results are stored
    const exits = yield* Effect.forEach(
      lanes,
      (lane, l) =>
        Effect.exit(
          runTasks<LaneInput, LaneOutcome[]>({
            ref: LANE_REF,
            inputs: [lane],
            concurrency: 1,
            label: () => `${job.id} lane ${l + 1}/${laneCount}`,
          }),
        ),
      { concurrency: "unbounded" },
    );
    const failures: ShardFailed[] = faulty.map(
      (shard) => new ShardFailed({ jobId: job.id, shard, attempts, reason: INJECTED_FAULT }),
    );
    for (const [l, exit] of exits.entries()) {
      if (Exit.isFailure(exit)) {
        const fail = exit.cause.reasons.find((r) => r._tag === "Fail");
        const reason = fail?._tag === "Fail" ? (fail.error as RunError).message : "interrupted";
        for (const { shard } of lanes[l].shards)
          failures.push(new ShardFailed({ jobId: job.id, shard, attempts, reason }));
        continue;
      }
      for (const o of exit.value[0]) {
        if (o.ok) yield* store.put(job.id, o.shard, `local-${l}`, o.bytes);
        else
          failures.push(
            new ShardFailed({ jobId: job.id, shard: o.shard, attempts, reason: o.reason }),
          );
      }
    }
    failures.sort((a, b) => a.shard - b.shard);
    return failures[0];
  });

/** Runs the job's missing shards; the first failure (lowest shard) after all have finished. */
export const runLocal = <S>(job: Job<S>, attempts: number, workers: number) =>
  Effect.gen(function* () {
    const missing = yield* missingShards(job);
    const task = job.task as ShardTask<unknown>;
    const failure =
      workers > 1 && missing.length > 1 && workerLoadable(task)
        ? yield* inLanes(job, task.module, missing, attempts, workers)
        : yield* sequential(job, missing, attempts);
    if (failure !== undefined) return yield* Effect.fail(failure);
  });
