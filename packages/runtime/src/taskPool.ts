/**
 * `runTasks`: independent tasks that are not MCMC chains (a simulation shard, a file to
 * process) in worker threads, with the pool's guarantees: at most `concurrency` workers at a
 * time, one fresh worker per task, progress through the `Progress` service (rate and ETA per
 * task), a task whose worker crashed run again following `workerCrashRetry`, every worker
 * terminated when the run fails or is interrupted. `concurrency: 0` runs the tasks one after
 * the other in this thread (tests, one-core machines).
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
import { workerCrashRetry } from "./workerPool.js";

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

    const inWorker = (input: I, name: string) =>
      Effect.callback<O, RunError | Crash>((resume) => {
        const worker = new Worker(WORKER_URL, { workerData: { ref: job.ref, input } });
        let settled = false;
        const settle = (e: Effect.Effect<O, RunError | Crash>) => {
          if (settled) return;
          settled = true;
          void worker.terminate();
          resume(e);
        };
        worker.on("message", (m: TaskMessage) => {
          if (m.type === "progress") report(name)(m.done, m.total, m.detail);
          else if (m.type === "result") settle(Effect.succeed(m.value as O));
          else settle(Effect.fail(new RunError({ stage: name, reason: m.message })));
        });
        worker.on("error", (e) => settle(Effect.fail({ _tag: "Crash", reason: reasonOf(e) })));
        worker.on("exit", (code) =>
          settle(Effect.fail({ _tag: "Crash", reason: `worker exited with code ${code}` })),
        );
        // interrupted: nobody waits for this task any more
        return Effect.promise(() => {
          settled = true;
          return worker.terminate().then(() => undefined);
        });
      }).pipe(
        Effect.retry({ schedule: workerCrashRetry, while: (e) => e._tag === "Crash" }),
        Effect.mapError((e) =>
          e._tag === "Crash"
            ? new RunError({ stage: name, reason: `its worker crashed (${e.reason})` })
            : e,
        ),
      );

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
