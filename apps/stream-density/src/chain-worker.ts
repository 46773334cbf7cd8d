/**
 * Worker-thread entry for parallel NUTS chains (`sampleChains` with workers > 0): it
 * receives a {@link ChainJob} (the model as plain data, the start point, the settings
 * and the chain indices to run), rebuilds and compiles the model, runs each chain with
 * exactly the keys the main thread would use, and posts `{ progress }` lines and then
 * `{ chains }` (or `{ error }`).
 */
import { parentPort, workerData } from "node:worker_threads";
import { compileModel } from "./compiled.js";
import { buildModel } from "./models/spec.js";
import { type ChainJob, runChain } from "./sample.js";

if (parentPort !== null) {
  const port = parentPort;
  const job = workerData as ChainJob;
  try {
    const compiled = compileModel(buildModel(job.spec));
    const chains = job.chainIndices.map((c) =>
      runChain(compiled, job.start, job.settings, c, (line) =>
        port.postMessage({ progress: line }),
      ),
    );
    port.postMessage({ chains });
  } catch (e) {
    port.postMessage({ error: e instanceof Error ? e.message : String(e) });
  }
}
