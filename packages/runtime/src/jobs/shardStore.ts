/**
 * Where shard results live. `put` writes a shard's result at most once: the first write wins
 * (a primary key on (job, shard) and `ON CONFLICT DO NOTHING`), so a shard that is retried,
 * duplicated by a redelivered message or run by two runners after a crash never duplicates
 * output. Every completed execution is also logged (`runs`), so tests can see how often a
 * shard really ran. The SQL store is the cluster's own database (Postgres or SQLite).
 */
import { Context, Effect, Layer } from "effect";
import { SqlClient } from "effect/sql/SqlClient";
import { fromBase64, JobStorageError, toBase64 } from "./job.js";

export interface ShardStoreService {
  /** Stores the result unless one is stored already; true when this call wrote it. */
  readonly put: (
    jobId: string,
    shard: number,
    runner: string,
    result: Uint8Array,
  ) => Effect.Effect<boolean, JobStorageError>;
  /** The shards of the job that have a result. */
  readonly done: (jobId: string) => Effect.Effect<ReadonlySet<number>, JobStorageError>;
  /** The stored results of the job by shard. */
  readonly results: (jobId: string) => Effect.Effect<Map<number, Uint8Array>, JobStorageError>;
  /** Completed executions per shard (≥ 1 for a done shard; > 1 when a shard ran twice). */
  readonly runs: (jobId: string) => Effect.Effect<Map<number, number>, JobStorageError>;
}

export class ShardStore extends Context.Service<ShardStore, ShardStoreService>()(
  "@sidereal/runtime/ShardStore",
) {}

const storageError = (storage: string) => (e: unknown) =>
  new JobStorageError({ storage, reason: e instanceof Error ? e.message : String(e) });

/** The store in the SqlClient's database (tables created if absent). */
export const sqlShardStore = (label: string): Layer.Layer<ShardStore, JobStorageError, SqlClient> =>
  Layer.effect(
    ShardStore,
    Effect.gen(function* () {
      const sql = yield* SqlClient;
      const fail = storageError(label);
      yield* sql`CREATE TABLE IF NOT EXISTS sidereal_shard_results (
        job_id TEXT NOT NULL, shard INTEGER NOT NULL, runner TEXT NOT NULL, result TEXT NOT NULL,
        PRIMARY KEY (job_id, shard))`.pipe(Effect.mapError(fail));
      yield* sql`CREATE TABLE IF NOT EXISTS sidereal_shard_runs (
        job_id TEXT NOT NULL, shard INTEGER NOT NULL, runner TEXT NOT NULL)`.pipe(
        Effect.mapError(fail),
      );
      const put: ShardStoreService["put"] = (jobId, shard, runner, result) =>
        Effect.gen(function* () {
          yield* sql`INSERT INTO sidereal_shard_runs (job_id, shard, runner) VALUES (${jobId}, ${shard}, ${runner})`;
          const before = yield* sql<{
            n: number | string;
          }>`SELECT COUNT(*) AS n FROM sidereal_shard_results WHERE job_id = ${jobId} AND shard = ${shard}`;
          yield* sql`INSERT INTO sidereal_shard_results (job_id, shard, runner, result)
            VALUES (${jobId}, ${shard}, ${runner}, ${toBase64(result)}) ON CONFLICT DO NOTHING`;
          return Number(before[0]?.n ?? 0) === 0;
        }).pipe(Effect.mapError(fail));
      const done: ShardStoreService["done"] = (jobId) =>
        sql<{
          shard: number;
        }>`SELECT shard FROM sidereal_shard_results WHERE job_id = ${jobId}`.pipe(
          Effect.map((rows) => new Set(rows.map((r) => Number(r.shard)))),
          Effect.mapError(fail),
        );
      const results: ShardStoreService["results"] = (jobId) =>
        sql<{
          shard: number;
          result: string;
        }>`SELECT shard, result FROM sidereal_shard_results WHERE job_id = ${jobId}`.pipe(
          Effect.map((rows) => new Map(rows.map((r) => [Number(r.shard), fromBase64(r.result)]))),
          Effect.mapError(fail),
        );
      const runs: ShardStoreService["runs"] = (jobId) =>
        sql<{
          shard: number;
          n: number | string;
        }>`SELECT shard, COUNT(*) AS n FROM sidereal_shard_runs WHERE job_id = ${jobId} GROUP BY shard`.pipe(
          Effect.map((rows) => new Map(rows.map((r) => [Number(r.shard), Number(r.n)]))),
          Effect.mapError(fail),
        );
      return { put, done, results, runs };
    }),
  );

/** A store in this process's memory (the local runner). */
export const memoryShardStore: Layer.Layer<ShardStore> = Layer.sync(ShardStore, () => {
  const stored = new Map<string, Map<number, Uint8Array>>();
  const count = new Map<string, Map<number, number>>();
  const of = <V>(m: Map<string, Map<number, V>>, id: string) => {
    let inner = m.get(id);
    if (inner === undefined) {
      inner = new Map();
      m.set(id, inner);
    }
    return inner;
  };
  return {
    put: (jobId, shard, _runner, result) =>
      Effect.sync(() => {
        const c = of(count, jobId);
        c.set(shard, (c.get(shard) ?? 0) + 1);
        const s = of(stored, jobId);
        if (s.has(shard)) return false;
        s.set(shard, result);
        return true;
      }),
    done: (jobId) => Effect.sync(() => new Set(of(stored, jobId).keys())),
    results: (jobId) => Effect.sync(() => new Map(of(stored, jobId))),
    runs: (jobId) => Effect.sync(() => new Map(of(count, jobId))),
  };
});
