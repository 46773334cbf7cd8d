/**
 * `runTasks`: independent tasks that are not MCMC chains (a simulation shard, a file to
 * process) in worker threads, with the pool's guarantees: at most `concurrency` workers at a
 * time, one fresh worker per task, progress through the `Progress` service (rate and ETA per
 * task), a task whose worker crashed run again following `workerCrashRetry` (a `Progress`
 * message says so), every worker terminated when the run fails or is interrupted; a task whose
 * every attempt crashed is a `RunError` naming the task. `concurrency: 0` runs the tasks one
 * after the other in this thread (tests, one-core machines). Under the test layer
 * `WorkerPool.threadsWithTaskCrash` one task's worker is terminated mid-task (see there).
 *
 * A task is a function exported by a module (`ref`), called as `fn(input, report)` with a
 * structured-cloneable input; it may return a promise. Its module must start no run at its top
 * level (workers import it; a run started inside a worker fails with a `RunError`).
 */
import { Worker } from "node:worker_threads";
import { Effect, Option } from "effect";
import { RunError, reasonOf } from "./errors.js";
import { Progress } from "./progress.js";
import {
  importTaskFunction,
  type TaskFunction,
  type TaskRef,
  type TaskReport,
} from "./taskImport.js";
import { insideWorker, NESTED_RUN_MESSAGE } from "./workerMarker.js";
import { WorkerPool, workerCrashRetry } from "./workerPool.js";

export type { TaskFunction, TaskRef, TaskReport };

/** What `runTasks` needs. */
export interface TaskJob<I> {
  readonly ref: TaskRef;
  /** One input per task (structured-cloneable). */
  readonly inputs: readonly I[];
  /** Worker threads at a time (0: every task in this thread). */
  readonly concurrency: number;
  /** Progress task name of input `i` (default `task i+1/n`). */
  readonly label?: (input: I, i: number) => string;
}

/** A message from a task worker (internal). */
export type TaskMessage =
  | {
      readonly type: "progress";
      readonly done: number;
      readonly total: number;
      readonly detail?: string | undefined;
    }
  | { readonly type: "result"; readonly value: unknown }
  | { readonly type: "error"; readonly message: string };

const WORKER_URL = new URL("./taskWorker.js", import.meta.url);

type Crash = { readonly _tag: "Crash"; readonly reason: string };

/** Runs every task (see the module doc); results in input order. */
export function runTasks<I, O>(job: TaskJob<I>): Effect.Effect<O[], RunError> {
  return Effect.gen(function* () {
    if (insideWorker())
      return yield* new RunError({ stage: "starting workers", reason: NESTED_RUN_MESSAGE });
    const progress = Option.getOrUndefined(yield* Effect.serviceOption(Progress));
    const crash = Option.getOrUndefined(yield* Effect.serviceOption(WorkerPool))?.taskCrash;
    const n = job.inputs.length;
    const label = job.label ?? ((_: I, i: number) => `task ${i + 1}/${n}`);
    const report =
      (name: string): TaskReport =>
      (done, total, detail) =>
        progress?.update(name, done, total, detail);

    const inProcess = (input: I, name: string) =>
      Effect.tryPromise({
        try: async () => {
          const fn = await importTaskFunction(job.ref);
          return (await fn(input, report(name))) as O;
        },
        catch: (e) => new RunError({ stage: name, reason: reasonOf(e) }),
      });

    const inWorker = (input: I, name: string) => {
      let attempts = 0;
      let lastCrash = "";
      const once = Effect.callback<O, RunError | Crash>((resume) => {
        const attempt = ++attempts;
        if (attempt > 1)
          progress?.message(
            `${name}: its worker crashed (${lastCrash}); running it again (attempt ${attempt})`,
          );
        const worker = new Worker(WORKER_URL, { workerData: { ref: job.ref, input } });
        const inject =
          crash !== undefined && crash.task === name && attempt <= crash.attempts
            ? crash
            : undefined;
        let settled = false;
        let killed = false;
        const settle = (e: Effect.Effect<O, RunError | Crash>) => {
          if (settled) return;
          settled = true;
          void worker.terminate();
          resume(e);
        };
        const crashed = (reason: string) => {
          if (!settled) lastCrash = reason;
          settle(Effect.fail({ _tag: "Crash", reason }));
        };
        worker.on("message", (m: TaskMessage) => {
          if (killed) return; // terminated by the test layer: its exit settles the attempt
          if (m.type === "progress") {
            report(name)(m.done, m.total, m.detail);
            if (inject !== undefined && m.done >= inject.afterDone) {
              killed = true;
              void worker.terminate();
            }
          } else if (m.type === "result") settle(Effect.succeed(m.value as O));
          else settle(Effect.fail(new RunError({ stage: name, reason: m.message })));
        });
        worker.on("error", (e) => crashed(reasonOf(e)));
        worker.on("exit", (code) => crashed(`worker exited with code ${code}`));
        // interrupted: nobody waits for this task any more
        return Effect.promise(() => {
          settled = true;
          return worker.terminate().then(() => undefined);
        });
      });
      return once.pipe(
        Effect.retry({ schedule: workerCrashRetry, while: (e) => e._tag === "Crash" }),
        Effect.mapError((e) =>
          e._tag === "Crash"
            ? new RunError({
                stage: name,
                reason: `its worker crashed ${attempts === 1 ? "once" : `${attempts} times`} (${e.reason})`,
              })
            : e,
        ),
      );
    };

    return yield* Effect.forEach(
      job.inputs.map((input, i) => [input, label(input, i)] as const),
      ([input, name]) =>
        (job.concurrency === 0 ? inProcess(input, name) : inWorker(input, name)).pipe(
          Effect.tap(() => Effect.sync(() => progress?.finish(name))),
        ),
      { concurrency: Math.max(1, job.concurrency) },
    );
  });
}
