/**
 * Worker-thread entry of `runTasks`: `workerData` is `{ ref, input }`; the worker imports
 * `ref.module`, calls `ref.export(input, report)` once, posts progress and the result (or the
 * error) and ends. Not part of the public API.
 */
import { parentPort, workerData } from "node:worker_threads";
import { importTaskFunction, type TaskRef } from "./taskImport.js";
import type { TaskMessage } from "./taskPool.js";
import { markWorker } from "./workerMarker.js";

markWorker();
const { ref, input } = workerData as { ref: TaskRef; input: unknown };
const port = parentPort;
if (port !== null) {
  try {
    const run = await importTaskFunction(ref);
    const value = await run(input, (done, total, detail) =>
      port.postMessage({ type: "progress", done, total, detail } satisfies TaskMessage),
    );
    port.postMessage({ type: "result", value } satisfies TaskMessage);
  } catch (e) {
    port.postMessage({
      type: "error",
      message: e instanceof Error ? e.message.split("\n")[0] : String(e),
    } satisfies TaskMessage);
  }
}
