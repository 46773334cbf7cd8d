/**
 * runTasks: results in input order from worker threads and in process alike, progress
 * through the Progress service, a crashed worker's task run again, a task's error as a
 * RunError naming the task; under `WorkerPool.threadsWithTaskCrash` one task's worker is
 * terminated mid-task: run again once, or failing with a RunError naming the task when every
 * attempt is killed.
 */
import { join } from "node:path";
import { describe, expect, it } from "@effect/vitest";
import { Progress, type ProgressEvent, runTasks, WorkerPool } from "@sidereal/runtime";
import { Effect } from "effect";
import { tempDir } from "./helpers.js";

const TASKS = new URL("./fixtures/tasks.mjs", import.meta.url).href;
const inputs = [{ n: 10 }, { n: 100 }, { n: 3 }];

describe("runTasks", () => {
  it.effect("threads and in-process give the results in input order, with progress", () =>
    Effect.gen(function* () {
      const events: ProgressEvent[] = [];
      const threads = yield* runTasks<{ n: number }, number>({
        ref: { module: TASKS, export: "sumTo" },
        inputs,
        concurrency: 2,
        label: (x) => `sum ${x.n}`,
      }).pipe(Effect.provide(Progress.collect(events)));
      const here = yield* runTasks<{ n: number }, number>({
        ref: { module: TASKS, export: "sumTo" },
        inputs,
        concurrency: 0,
      });
      expect(threads).toEqual([55, 5050, 6]);
      expect(here).toEqual(threads);
      expect(events.some((e) => e.task === "sum 100" && e.done === 100 && e.total === 100)).toBe(
        true,
      );
      expect(
        events
          .filter((e) => e.finished)
          .map((e) => e.task)
          .sort(),
      ).toEqual(["sum 10", "sum 100", "sum 3"]);
    }),
  );

  it.effect("a task whose worker crashed is run again", () =>
    Effect.gen(function* () {
      const marker = join(tempDir(), "marker");
      const r = yield* runTasks({
        ref: { module: TASKS, export: "crashOnce" },
        inputs: [{ marker, value: 42 }],
        concurrency: 1,
      });
      expect(r).toEqual([42]);
    }),
  );

  it.effect("a failing task is a RunError naming the task", () =>
    Effect.gen(function* () {
      const e = yield* runTasks({
        ref: { module: TASKS, export: "fails" },
        inputs: [{ name: "alpha" }],
        concurrency: 1,
        label: () => "shard alpha",
      }).pipe(Effect.flip);
      expect(e._tag).toBe("RunError");
      expect(e.message).toBe("shard alpha failed: task alpha cannot run");
    }),
  );

  const slow = [
    { n: 6, ms: 5 },
    { n: 40, ms: 10 },
  ];
  const slowJob = {
    ref: { module: TASKS, export: "countSlowly" },
    inputs: slow,
    concurrency: 2,
    label: (x: { n: number }) => `count ${x.n}`,
  };

  it.effect("a worker terminated mid-task (test layer) is run again; the others run once", () =>
    Effect.gen(function* () {
      const events: ProgressEvent[] = [];
      const r = yield* runTasks<{ n: number; ms: number }, number>(slowJob).pipe(
        Effect.provide(
          WorkerPool.threadsWithTaskCrash({ task: "count 40", afterDone: 10, attempts: 1 }),
        ),
        Effect.provide(Progress.collect(events)),
      );
      expect(r).toEqual([6, 40]);
      const done = (task: string) => events.filter((e) => e.task === task).map((e) => e.done);
      // killed at 10 of 40 (further reports of that worker ignored), then counted from 1 again
      const d40 = done("count 40");
      const restart = d40.indexOf(1, 1);
      expect(d40.slice(0, restart)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
      expect(d40.slice(restart).filter((x) => x > 0)).toEqual(
        Array.from({ length: 40 }, (_, i) => i + 1),
      );
      expect(done("count 6").filter((x) => x === 1)).toHaveLength(1);
      const messages = events.filter((e) => e.task === "message").map((e) => e.detail);
      expect(messages).toEqual([
        "count 40: its worker crashed (worker exited with code 1); running it again (attempt 2)",
      ]);
    }),
  );

  it.effect("a task whose every attempt is killed fails with a RunError naming it", () =>
    Effect.gen(function* () {
      const attempts = 3; // more than workerCrashRetry's two retries allow
      const events: ProgressEvent[] = [];
      const e = yield* runTasks<{ n: number; ms: number }, number>(slowJob).pipe(
        Effect.provide(
          WorkerPool.threadsWithTaskCrash({ task: "count 40", afterDone: 3, attempts }),
        ),
        Effect.provide(Progress.collect(events)),
        Effect.flip,
      );
      expect(e._tag).toBe("RunError");
      expect(e.stage).toBe("count 40");
      expect(e.message).toBe(
        "count 40 failed: its worker crashed 3 times (worker exited with code 1)",
      );
      // the other task had finished (6 steps of 5 ms against 3 × 3 steps of 10 ms)
      expect(events.some((x) => x.task === "count 6" && x.finished)).toBe(true);
    }),
  );
});
