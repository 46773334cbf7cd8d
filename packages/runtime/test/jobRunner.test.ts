import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Effect, Exit, Layer } from "effect";
import { afterAll, describe, expect, it } from "vitest";
import {
  failShardLayer,
  JobRunner,
  parseRunnerArgs,
  parseStorage,
  type ShardTask,
} from "../src/index.js";

/** A pure task: the squares of [start, end) as float64 bytes. */
const squares: ShardTask<{ start: number; end: number }> = {
  name: "test/squares",
  run: ({ start, end }) =>
    new Uint8Array(Float64Array.from({ length: end - start }, (_, i) => (start + i) ** 2).buffer),
};
const job = (id: string) => ({
  id,
  task: squares,
  shards: [0, 1, 2, 3, 4].map((k) => ({ start: 10 * k, end: 10 * k + 10 })),
});
const values = (rs: ReadonlyArray<Uint8Array>) =>
  rs.flatMap((b) => Array.from(new Float64Array(Uint8Array.from(b).buffer)));
const expected = Array.from({ length: 50 }, (_, i) => i * i);

const tmp = mkdtempSync(join(tmpdir(), "sidereal-jobs-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("JobRunner.local", () => {
  it("returns every shard's result in shard order", async () => {
    const out = await Effect.runPromise(
      Effect.gen(function* () {
        const r = yield* JobRunner;
        return yield* r.run(job("a"));
      }).pipe(Effect.provide(JobRunner.local)),
    );
    expect(values(out)).toEqual(expected);
  });

  it("a shard failing every attempt → ShardFailed naming it; others kept; a rerun runs only it", async () => {
    const program = Effect.gen(function* () {
      const r = yield* JobRunner;
      const first = yield* Effect.exit(
        r.run(job("b"), { attempts: 2 }).pipe(Effect.provide(failShardLayer(3))),
      );
      const runsAfterFailure = yield* r.runs("b");
      const second = yield* r.run(job("b"));
      const runsAfterRerun = yield* r.runs("b");
      return { first, runsAfterFailure, second, runsAfterRerun };
    }).pipe(Effect.provide(JobRunner.local));
    const res = await Effect.runPromise(program);
    expect(Exit.isFailure(res.first)).toBe(true);
    if (Exit.isFailure(res.first)) {
      const e = res.first.cause.reasons.find((r) => r._tag === "Fail");
      expect(e?._tag === "Fail" && e.error._tag).toBe("ShardFailed");
      expect(e?._tag === "Fail" && e.error.message).toMatch(/shard 3 failed after 2 attempts/);
    }
    expect([...res.runsAfterFailure.keys()].sort()).toEqual([0, 1, 2, 4]);
    expect(values(res.second)).toEqual(expected);
    // each shard ran exactly once in all: the rerun computed only shard 3
    expect([...res.runsAfterRerun.entries()].sort((a, b) => a[0] - b[0])).toEqual([
      [0, 1],
      [1, 1],
      [2, 1],
      [3, 1],
      [4, 1],
    ]);
  });
});

describe("JobRunner.cluster with SQLite (one machine, no server)", () => {
  it("runs the job on Effect Cluster, same results; a second run reuses the stored shards", async () => {
    const layer = JobRunner.cluster({ storage: `sqlite:${join(tmp, "jobs.sqlite")}` });
    const out = await Effect.runPromise(
      Effect.gen(function* () {
        const r = yield* JobRunner;
        const first = yield* r.run(job("c"));
        const again = yield* r.run(job("c"));
        const runs = yield* r.runs("c");
        return { first, again, runs };
      }).pipe(Effect.provide(layer)),
    );
    expect(values(out.first)).toEqual(expected);
    expect(values(out.again)).toEqual(expected);
    expect([...out.runs.values()]).toEqual([1, 1, 1, 1, 1]);
  }, 60_000);
});

describe("argument checks", () => {
  it("rejects a bad storage URL and bad runner flags with ConfigErrors naming the flag", () => {
    expect(parseStorage("mysql://x")).toMatchObject({ _tag: "ConfigError", field: "--storage" });
    expect(parseStorage("sqlite:/tmp/a.db")).toEqual({ kind: "sqlite", path: "/tmp/a.db" });
    expect(parseRunnerArgs(["--port", "1"])).toMatchObject({ field: "--storage" });
    expect(parseRunnerArgs(["--storage", "sqlite:x", "--port", "99999"])).toMatchObject({
      field: "--port",
    });
    expect(parseRunnerArgs(["--storage", "sqlite:x", "--bogus", "1"])).toMatchObject({
      field: "--bogus",
    });
  });
  it("fails the cluster layer with the ConfigError for a bad storage", async () => {
    const exit = await Effect.runPromiseExit(
      Layer.build(JobRunner.cluster({ storage: "nope" })).pipe(Effect.scoped),
    );
    expect(Exit.isFailure(exit)).toBe(true);
  });
});
