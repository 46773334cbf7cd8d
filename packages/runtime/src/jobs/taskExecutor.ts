/**
 * Where a shard's pure task runs. In-process (the default: the local runner and tests) or in
 * a worker thread (`threadExecutor`, what `sidereal-runner` uses): a task is synchronous CPU
 * work, and on a runner it must not block the event loop, which refreshes the runner's shard
 * locks and answers health checks — a blocked loop lets the locks expire, another runner takes
 * the shards over and the same shards run again.
 */
import { Worker } from "node:worker_threads";
import { Context, Effect, Layer } from "effect";
import type { ShardTask } from "./job.js";

export interface TaskExecutorService {
  readonly run: (task: ShardTask<unknown>, spec: unknown) => Effect.Effect<Uint8Array, Error>;
}

export const TaskExecutor = Context.Reference<TaskExecutorService>(
  "@sidereal/runtime/TaskExecutor",
  {
    defaultValue: () => ({
      run: (task, spec) =>
        Effect.try({
          try: () => task.run(spec),
          catch: (e) => (e instanceof Error ? e : new Error(String(e))),
        }),
    }),
  },
);

/** One worker thread that loads `modules` and runs their tasks, one request at a time. */
export const threadExecutor = (modules: ReadonlyArray<string>) =>
  Layer.effect(
    TaskExecutor,
    Effect.gen(function* () {
      const worker = yield* Effect.acquireRelease(
        Effect.sync(
          () =>
            new Worker(new URL("./taskWorker.js", import.meta.url), {
              workerData: { modules: [...modules] },
            }),
        ),
        (w) => Effect.promise(() => w.terminate()),
      );
      const pending = new Map<
        number,
        (r: { ok: boolean; bytes?: Uint8Array; reason?: string }) => void
      >();
      let next = 0;
      worker.on(
        "message",
        (m: { id: number; ok: boolean; bytes?: Uint8Array; reason?: string }) => {
          pending.get(m.id)?.(m);
          pending.delete(m.id);
        },
      );
      worker.on("error", (e) => {
        for (const done of pending.values())
          done({ ok: false, reason: `worker crashed: ${e.message}` });
        pending.clear();
      });
      const service: TaskExecutorService = {
        run: (task, spec) =>
          Effect.flatMap(
            Effect.promise(
              () =>
                new Promise<{ ok: boolean; bytes?: Uint8Array; reason?: string }>((resolve) => {
                  const id = next++;
                  pending.set(id, resolve);
                  worker.postMessage({ id, task: task.name, spec });
                }),
            ),
            (r) =>
              r.ok && r.bytes !== undefined
                ? Effect.succeed(r.bytes)
                : Effect.fail(new Error(r.reason ?? "worker failed")),
          ),
      };
      return service;
    }),
  );
