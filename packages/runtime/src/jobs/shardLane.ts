/**
 * The worker-thread side of the parallel local runner: one `runTasks` task per lane (a worker
 * thread), which imports the task's module once and runs its shards one after the other, each
 * up to `attempts` times. Lanes rather than one worker per shard: a worker's start and the
 * task's own caches (a table read once, a model built once) are paid once per lane.
 * Loaded by workers only; starts nothing at its top level.
 */
import type { TaskReport } from "../taskImport.js";
import { importTasks } from "./taskModules.js";

export interface LaneInput {
  /** The task's module (built JavaScript). */
  readonly module: string;
  readonly task: string;
  readonly attempts: number;
  readonly shards: ReadonlyArray<{ readonly shard: number; readonly spec: unknown }>;
}

/** A shard's outcome after its attempts: its bytes, or the last attempt's error. */
export type LaneOutcome =
  | { readonly shard: number; readonly ok: true; readonly bytes: Uint8Array }
  | { readonly shard: number; readonly ok: false; readonly reason: string };

export async function runShardLane(input: LaneInput, report: TaskReport): Promise<LaneOutcome[]> {
  const task = (await importTasks([input.module])).find((t) => t.name === input.task);
  if (task === undefined) throw new Error(`no task ${input.task} in ${input.module}`);
  const out: LaneOutcome[] = [];
  report(0, input.shards.length);
  for (const { shard, spec } of input.shards) {
    let outcome: LaneOutcome | undefined;
    for (let attempt = 1; attempt <= input.attempts && outcome?.ok !== true; attempt++) {
      try {
        outcome = { shard, ok: true, bytes: task.run(spec as never) };
      } catch (e) {
        outcome = { shard, ok: false, reason: e instanceof Error ? e.message : String(e) };
      }
    }
    out.push(outcome ?? { shard, ok: false, reason: "no attempt (attempts < 1)" });
    report(out.length, input.shards.length);
  }
  return out;
}
