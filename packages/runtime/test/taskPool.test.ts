/**
 * runTasks: results in input order from worker threads and in process alike, progress
 * through the Progress service, a crashed worker's task run again, a task's error as a
 * RunError naming the task.
 */
import { join } from "node:path";
import { describe, expect, it } from "@effect/vitest";
import { Progress, type ProgressEvent, runTasks } from "@sidereal/runtime";
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
});
