/**
 * The parallel local runner (`JobRunner.localWith({ workers })`): shards in lanes of worker
 * threads give the same results, in shard order, as one thread; each shard runs once; a
 * failing shard (thrown by the task, or injected by the test layer) ends the job with
 * ShardFailed naming it after the others are stored, and a rerun computes only it; a lane
 * whose worker thread dies fails only its own shards. Imports
 * the built package: worker threads load built JavaScript.
 */
import { failShardLayer, JobRunner, type ShardTask } from "@sidereal/runtime";
import { Effect, Exit } from "effect";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain JavaScript fixture without types
import * as fixtures from "./fixtures/shard-tasks.mjs";

type Range = { start: number; end: number };
const squares = fixtures.squaresTask as ShardTask<Range>;
const threadTask = fixtures.threadTask as ShardTask<number>;
const throwing = fixtures.throwingTask as ShardTask<{ k: number; fail: boolean }>;
const crashing = fixtures.crashingTask as ShardTask<{ k: number; crash: boolean }>;

const ranges = Array.from({ length: 7 }, (_, k) => ({ start: 13 * k, end: 13 * k + 13 }));
const values = (rs: ReadonlyArray<Uint8Array>) =>
  rs.flatMap((b) => Array.from(new Float64Array(Uint8Array.from(b).buffer)));

const run = <S>(workers: number, job: { id: string; task: ShardTask<S>; shards: S[] }) =>
  Effect.runPromise(
    Effect.gen(function* () {
      const r = yield* JobRunner;
      const out = yield* r.run(job);
      return { out, runs: yield* r.runs(job.id) };
    }).pipe(Effect.provide(JobRunner.localWith({ workers }))),
  );

const failureOf = (exit: Exit.Exit<unknown, unknown>) => {
  if (Exit.isSuccess(exit)) return undefined;
  const f = exit.cause.reasons.find((r) => r._tag === "Fail");
  return f?._tag === "Fail"
    ? (f.error as { _tag: string; shard: number; message: string })
    : undefined;
};

describe("JobRunner.localWith({ workers })", () => {
  it("lanes of worker threads give one thread's results, in shard order, each shard run once", async () => {
    const one = await run(1, { id: "sq", task: squares, shards: ranges });
    const three = await run(3, { id: "sq", task: squares, shards: ranges });
    expect(values(one.out)).toEqual(Array.from({ length: 91 }, (_, i) => i * i));
    expect(three.out.map((b) => Buffer.from(b).toString("hex"))).toEqual(
      one.out.map((b) => Buffer.from(b).toString("hex")),
    );
    expect([...three.runs.values()]).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });

  it("runs the shards in worker threads, one per lane (1 worker: the calling thread)", async () => {
    const shards = [0, 1, 2, 3];
    const threads = values((await run(2, { id: "t2", task: threadTask, shards })).out);
    expect(threads.every((t) => t > 0)).toBe(true);
    // round-robin lanes: shards 0 and 2 in one thread, 1 and 3 in the other
    expect(threads[0]).toBe(threads[2]);
    expect(threads[1]).toBe(threads[3]);
    expect(threads[0]).not.toBe(threads[1]);
    expect(values((await run(1, { id: "t1", task: threadTask, shards })).out)).toEqual([
      0, 0, 0, 0,
    ]);
  });

  it("a shard whose task throws every attempt → ShardFailed naming it, the others stored", async () => {
    const shards = [0, 1, 2, 3, 4].map((k) => ({ k, fail: k === 2 }));
    const exit = await Effect.runPromiseExit(
      Effect.gen(function* () {
        const r = yield* JobRunner;
        const first = yield* Effect.exit(
          r.run({ id: "th", task: throwing, shards }, { attempts: 2 }),
        );
        return { first, runs: yield* r.runs("th") };
      }).pipe(Effect.provide(JobRunner.localWith({ workers: 2 }))),
    );
    expect(Exit.isSuccess(exit)).toBe(true);
    if (Exit.isFailure(exit)) return;
    const e = failureOf(exit.value.first);
    expect(e?._tag).toBe("ShardFailed");
    expect(e?.shard).toBe(2);
    expect(e?.message).toMatch(/shard 2 failed after 2 attempts: spec 2 refuses/);
    expect([...exit.value.runs.keys()].sort()).toEqual([0, 1, 3, 4]);
  });

  it("a lane whose worker thread dies every time fails its own shards only; the other lane is stored", async () => {
    // round-robin: shards 0 and 2 in lane 1, shards 1 and 3 in lane 2 (whose worker exits)
    const shards = [0, 1, 2, 3].map((k) => ({ k, crash: k === 1 }));
    const res = await Effect.runPromise(
      Effect.gen(function* () {
        const r = yield* JobRunner;
        const first = yield* Effect.exit(r.run({ id: "cr", task: crashing, shards }));
        return { first, runs: yield* r.runs("cr") };
      }).pipe(Effect.provide(JobRunner.localWith({ workers: 2 }))),
    );
    const e = failureOf(res.first);
    expect(e?._tag).toBe("ShardFailed");
    expect(e?.shard).toBe(1);
    expect(e?.message).toMatch(/worker crashed/);
    expect([...res.runs.keys()].sort()).toEqual([0, 2]);
  });

  it("an injected fault: ShardFailed naming the shard; a rerun without it computes only that shard", async () => {
    const res = await Effect.runPromise(
      Effect.gen(function* () {
        const r = yield* JobRunner;
        const job = { id: "f", task: squares, shards: ranges };
        const first = yield* Effect.exit(r.run(job).pipe(Effect.provide(failShardLayer(4))));
        const again = yield* r.run(job);
        return { first, again, runs: yield* r.runs("f") };
      }).pipe(Effect.provide(JobRunner.localWith({ workers: 2 }))),
    );
    expect(failureOf(res.first)?.message).toMatch(
      /shard 4 failed after 3 attempts: injected fault/,
    );
    expect(values(res.again)).toEqual(Array.from({ length: 91 }, (_, i) => i * i));
    expect([...res.runs.entries()].sort((a, b) => a[0] - b[0]).map(([, n]) => n)).toEqual([
      1, 1, 1, 1, 1, 1, 1,
    ]);
  });
});
