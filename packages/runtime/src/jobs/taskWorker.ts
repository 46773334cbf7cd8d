/**
 * The worker-thread side of {@link threadExecutor}: loads the task modules named in
 * `workerData.modules` and runs `{ id, task, spec }` requests one at a time, answering
 * `{ id, ok: true, bytes }` (transferred) or `{ id, ok: false, reason }`.
 */
import { parentPort, workerData } from "node:worker_threads";
import { importTasks } from "./taskModules.js";

const tasks = new Map((await importTasks(workerData.modules as string[])).map((t) => [t.name, t]));
parentPort?.on("message", (m: { id: number; task: string; spec: unknown }) => {
  try {
    const task = tasks.get(m.task);
    if (task === undefined) throw new Error(`no task ${m.task} in the worker's modules`);
    const bytes = task.run(m.spec as never);
    const copy =
      bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
        ? bytes
        : bytes.slice();
    parentPort?.postMessage({ id: m.id, ok: true, bytes: copy }, [copy.buffer as ArrayBuffer]);
  } catch (e) {
    parentPort?.postMessage({
      id: m.id,
      ok: false,
      reason: e instanceof Error ? e.message : String(e),
    });
  }
});
