/**
 * A job: a list of shards with one pure, idempotent task per shard. The task is named, so a
 * runner process on another machine can find the same code in its registry (`ShardTasks`);
 * a shard's spec is plain JSON and its result bytes, written once per (job, shard).
 */
import { Data, Schema } from "effect";

/** A pure, idempotent computation of one shard: same spec → same bytes, no side effects. */
export interface ShardTask<Spec> {
  /** Registry name, e.g. `gaia-distances/catalogue` (the same on every runner). */
  readonly name: string;
  readonly run: (spec: Spec) => Uint8Array;
  /**
   * The module that exports this task (`import.meta.url` of built JavaScript). With it, the
   * local runner runs shards in worker threads; without it (or from TypeScript source, as in
   * tests) they run in the calling thread.
   */
  readonly module?: string;
}

/** A job: its id (the key of its stored results), the task and one spec per shard. */
export interface Job<Spec> {
  readonly id: string;
  readonly task: ShardTask<Spec>;
  readonly shards: ReadonlyArray<Spec>;
}

/**
 * A shard whose task failed on every attempt. Schema-backed so that it crosses the wire from
 * a runner to the submitting process unchanged.
 */
export class ShardFailed extends Schema.TaggedError<ShardFailed>()("ShardFailed", {
  jobId: Schema.String,
  shard: Schema.Number,
  attempts: Schema.Number,
  reason: Schema.String,
}) {
  override get message(): string {
    return `job ${this.jobId}: shard ${this.shard} failed after ${this.attempts} attempts: ${this.reason}`;
  }
}

/** The result store or the cluster engine could not be reached or used. */
export class JobStorageError extends Data.TaggedError("JobStorageError")<{
  readonly storage: string;
  readonly reason: string;
}> {
  override get message(): string {
    return `job storage ${this.storage}: ${this.reason}`;
  }
}

/** Bytes ↔ base64 text (results are stored as text so one schema serves Postgres and SQLite). */
export const toBase64 = (b: Uint8Array): string =>
  Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("base64");
export const fromBase64 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, "base64"));
