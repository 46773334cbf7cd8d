/**
 * The JobRunner service: runs a job (a list of shards with a pure, idempotent task each) and
 * returns the shard results in shard order.
 *
 * - `JobRunner.local` (the default): this machine, shards in worker threads (one lane per
 *   CPU, or `JobRunner.localWith({ workers })`), results in memory (see `localRunner.ts`).
 * - `JobRunner.cluster({ storage, runners, tasks })`: Effect Cluster. Each shard is a
 *   persisted message to the `SiderealShard` entity; runner processes (`sidereal-runner`,
 *   on this or other machines) run it and write its result once into the storage's
 *   `sidereal_shard_results` table. With `postgres://…` this process only submits (and with
 *   `runners: N` first starts N runner processes on this machine); with `sqlite:PATH` the
 *   process is its own single runner (no server).
 *
 * A job whose shards have results from an earlier submission only runs the missing ones; a
 * shard that fails on every attempt ends the job with ShardFailed naming it, after every
 * other shard has finished and kept its result.
 */

import { availableParallelism } from "node:os";
// subpath imports: the package barrel also loads the redis client and every other platform module
import * as NodeClusterSocket from "@effect/platform-node/NodeClusterSocket";
import * as NodeCrypto from "@effect/platform-node/NodeCrypto";
import { Context, Effect, Exit, Layer } from "effect";
import { SingleRunner } from "effect/cluster";
import type { ConfigError } from "../errors.js";
import { clientSharding, JOB_SHARDING } from "./clusterConfig.js";
import type { Job, JobStorageError, ShardFailed } from "./job.js";
import { JobStorageError as StorageError } from "./job.js";
import { failLayer, mapLayerError } from "./layerErrors.js";
import { runLocal } from "./localRunner.js";
import { ShardEntity, shardEntityId, shardEntityLayer } from "./shardEntity.js";
import { memoryShardStore, ShardStore, sqlShardStore } from "./shardStore.js";
import { DEFAULT_ATTEMPTS, missingShards, ShardTasks } from "./shardTasks.js";
import { spawnRunners } from "./spawnRunners.js";
import { type JobStorage, parseStorage, sqlClientLayer, storageLabel } from "./storage.js";

export interface RunJobOptions {
  /** Attempts per shard before ShardFailed (default 3). */
  readonly attempts?: number;
}

export interface JobRunnerService {
  readonly kind: "local" | "cluster";
  /** Runs the job's missing shards; resolves to every shard's result in shard order. */
  readonly run: <S>(
    job: Job<S>,
    options?: RunJobOptions,
  ) => Effect.Effect<ReadonlyArray<Uint8Array>, ShardFailed | JobStorageError>;
  /** Completed executions per shard of a job (for tests and reports). */
  readonly runs: (jobId: string) => Effect.Effect<Map<number, number>, JobStorageError>;
}

/** Options of {@link JobRunner.localWith}. */
export interface LocalOptions {
  /** Worker threads (lanes of shards); 1 runs every shard in the calling thread. */
  readonly workers: number;
}

/** Options of {@link JobRunner.cluster}. */
export interface ClusterOptions {
  /** `postgres://…` or `sqlite:PATH`. */
  readonly storage: string;
  /** Runner processes to start on this machine (Postgres only; 0 = runners started elsewhere). */
  readonly runners?: number;
  /** Modules (file URLs or paths) registering the tasks, passed to the started runners. */
  readonly tasks?: ReadonlyArray<string>;
  /** First port of the started runners (127.0.0.1:port, port + 1, …; default 34431). */
  readonly basePort?: number;
}

const allResults = <S>(job: Job<S>) =>
  Effect.gen(function* () {
    const store = yield* ShardStore;
    const stored = yield* store.results(job.id);
    const out: Uint8Array[] = [];
    for (let i = 0; i < job.shards.length; i++) {
      const r = stored.get(i);
      if (r === undefined)
        return yield* Effect.fail(
          new StorageError({ storage: "results", reason: `shard ${i} of ${job.id} has no result` }),
        );
      out.push(r);
    }
    return out;
  });

/** The local runner's service (see `localRunner.ts`). */
const makeLocal = (workers: number) =>
  Effect.gen(function* () {
    const store = yield* ShardStore;
    const ctx = yield* Effect.context<ShardStore>();
    const service: JobRunnerService = {
      kind: "local",
      run: (job, options) =>
        runLocal(job, options?.attempts ?? DEFAULT_ATTEMPTS, workers).pipe(
          Effect.andThen(allResults(job)),
          Effect.provide(ctx),
        ),
      runs: (jobId) => store.runs(jobId),
    };
    return service;
  });

/** Submits every missing shard to the cluster and waits for all replies. */
const submitAll = <S>(job: Job<S>, attempts: number, label: string) =>
  Effect.gen(function* () {
    const makeClient = yield* ShardEntity.client;
    const missing = yield* missingShards(job);
    const submission = `${Date.now().toString(36)}-${process.pid}`;
    const exits = yield* Effect.forEach(
      missing,
      (i) =>
        Effect.exit(
          makeClient(shardEntityId(job.id, i, submission)).RunShard({
            jobId: job.id,
            submission,
            task: job.task.name,
            shard: i,
            spec: JSON.stringify(job.shards[i]),
            attempts,
          }),
        ),
      { concurrency: "unbounded" },
    );
    for (const exit of exits) {
      if (Exit.isSuccess(exit)) continue;
      const fail = exit.cause.reasons.find((r) => r._tag === "Fail");
      const error = fail?._tag === "Fail" ? fail.error : undefined;
      if ((error as { _tag?: string } | undefined)?._tag === "ShardFailed")
        return yield* Effect.fail(error as ShardFailed);
      return yield* Effect.fail(
        new StorageError({
          storage: label,
          reason: error instanceof Error ? error.message : String(error ?? exit.cause),
        }),
      );
    }
    return yield* allResults(job);
  });

const makeCluster = (label: string, register: ((job: Job<never>) => void) | undefined) =>
  Effect.gen(function* () {
    const ctx = yield* Effect.context<ShardStore | import("effect/cluster").Sharding.Sharding>();
    const store = yield* ShardStore;
    const service: JobRunnerService = {
      kind: "cluster",
      run: (job, options) => {
        register?.(job as unknown as Job<never>);
        return submitAll(job, options?.attempts ?? DEFAULT_ATTEMPTS, label).pipe(
          Effect.provide(ctx),
        );
      },
      runs: (jobId) => store.runs(jobId),
    };
    return service;
  });

export class JobRunner extends Context.Service<JobRunner, JobRunnerService>()(
  "@sidereal/runtime/JobRunner",
) {
  /** This machine: shards in as many worker threads as it has CPUs; results in memory. */
  static readonly local: Layer.Layer<JobRunner> = Layer.suspend(() =>
    JobRunner.localWith({ workers: availableParallelism() }),
  );

  /** This machine with `workers` worker threads (1: every shard in the calling thread). */
  static localWith(options: LocalOptions): Layer.Layer<JobRunner> {
    return Layer.effect(JobRunner, makeLocal(Math.max(1, Math.floor(options.workers)))).pipe(
      Layer.provide(memoryShardStore),
    );
  }

  /** Effect Cluster with Postgres or SQLite storage (see the module doc). */
  static cluster(options: ClusterOptions): Layer.Layer<JobRunner, JobStorageError | ConfigError> {
    const parsed = parseStorage(options.storage);
    if (!("kind" in parsed)) return failLayer(parsed);
    return clusterLayer(parsed, options);
  }
}

function clusterLayer(
  storage: JobStorage,
  options: ClusterOptions,
): Layer.Layer<JobRunner, JobStorageError> {
  const label = storageLabel(storage);
  const sql = sqlClientLayer(storage);
  const store = sqlShardStore(label).pipe(Layer.provide(sql));
  if (storage.kind === "sqlite") {
    // one machine, no server: this process is the single runner
    const tasks = new Map<string, Job<never>["task"]>();
    const sharding = SingleRunner.layer({
      shardingConfig: JOB_SHARDING,
      runnerStorage: "sql",
    }).pipe(Layer.provide(NodeCrypto.layerDigest), Layer.provide(sql));
    const entity = shardEntityLayer("single").pipe(
      Layer.provide(Layer.succeed(ShardTasks, tasks as never)),
      Layer.provide(store),
      Layer.provide(sharding),
    );
    return Layer.effect(
      JobRunner,
      makeCluster(label, (job) => {
        tasks.set(job.task.name, job.task);
      }),
    ).pipe(Layer.provide(Layer.mergeAll(sharding, store, entity)), (l) =>
      mapLayerError(l, asStorageError(label)),
    );
  }
  const sharding = NodeClusterSocket.layer({
    clientOnly: true,
    storage: "sql",
    shardingConfig: clientSharding,
  }).pipe(Layer.provide(sql));
  const started =
    (options.runners ?? 0) > 0
      ? spawnRunners({
          count: options.runners ?? 0,
          storage: storage.url,
          tasks: options.tasks ?? [],
          basePort: options.basePort ?? 34431,
        })
      : Layer.empty;
  return Layer.effect(JobRunner, makeCluster(label, undefined)).pipe(
    Layer.provide(Layer.mergeAll(sharding, store)),
    Layer.provide(started),
    (l) => mapLayerError(l, asStorageError(label)),
  );
}

const asStorageError = (label: string) => (e: unknown) =>
  (e as { _tag?: string })?._tag === "JobStorageError"
    ? (e as JobStorageError)
    : new StorageError({ storage: label, reason: e instanceof Error ? e.message : String(e) });
