/**
 * Worker-thread entry of `mcmcEffect` / `mcmc(..., { chainMethod: "parallel" })` (protocol in
 * `parallel.ts`): imports the model from its `ModelRef` once (`importModel`), then runs each
 * requested chain with `runChain` (resuming it from a checkpoint when asked), posting
 * throttled progress, checkpoints (at most every `checkpointMs`) and the output (or a
 * serialised error) to the parent. Not part of the public API.
 */
import { parentPort, workerData } from "node:worker_threads";
import { wrapKeyData } from "@sidereal/distributions";
import { loadWasmBackend } from "@sidereal/tensor";
import type { ChainCheckpoint, SampleProgress } from "../mcmc/index.js";
import { type ChainPhase, InitializationError, ModelError } from "./errors.js";
import { importModel } from "./importModel.js";
import type { Model } from "./model.js";
import type { RunRequest, WorkerInit, WorkerMessage } from "./parallel.js";
import { runChain } from "./runChain.js";

const input = workerData as WorkerInit;

function post(msg: WorkerMessage): void {
  parentPort?.postMessage(msg);
}

let modelPromise: Promise<Model> | undefined;

/**
 * Marks this thread as a Sidereal worker before the model's module is imported, so that a
 * module which starts a parallel run at its own top level fails (see `mcmcEffect`) instead of
 * spawning workers without end.
 */
(globalThis as Record<symbol, unknown>)[Symbol.for("@sidereal/worker")] = true;

/**
 * Fault injection for the tests of crash recovery (`faultInjection` of `mcmcEffect`, sent
 * only with a chain's first attempt): exit (code 3) after iteration `at`, as a crash would.
 */
function faultAt(at: number | undefined): ((completed: number) => void) | undefined {
  if (at === undefined) return undefined;
  return (completed) => {
    if (completed === at) process.exit(3);
  };
}

async function runJob(job: RunRequest): Promise<void> {
  let phase: ChainPhase = "init";
  let iteration = 0;
  let lastPost = Number.NEGATIVE_INFINITY;
  let lastCheckpoint = performance.now();
  try {
    // the backend first: the model's module may compile at import
    modelPromise ??= (input.wasm ? loadWasmBackend() : Promise.resolve()).then(() =>
      importModel(input.ref),
    );
    const model = await modelPromise;
    const onProgress = (progress: SampleProgress) => {
      phase = progress.phase;
      iteration = progress.iteration;
      const now = performance.now();
      if (progress.iteration >= progress.total || now - lastPost >= input.progressMs) {
        lastPost = now;
        post({ type: "progress", chain: job.chain, progress });
      }
    };
    const fault = faultAt(job.faultAfter);
    const checkpoint = {
      due: (completed: number) => {
        fault?.(completed);
        return performance.now() - lastCheckpoint >= input.checkpointMs;
      },
      emit: (cp: ChainCheckpoint) => {
        lastCheckpoint = performance.now();
        post({ type: "checkpoint", chain: job.chain, checkpoint: cp });
      },
    };
    const k = wrapKeyData(Uint32Array.of(job.k0, job.k1));
    const output = runChain(model, input.data, k, input.options, onProgress, job.start, {
      checkpoint,
      ...(job.resume ? { resume: job.resume } : {}),
    });
    post({ type: "result", chain: job.chain, output });
  } catch (e) {
    const base = { type: "error" as const, chain: job.chain, phase, iteration };
    if (e instanceof ModelError)
      post({ ...base, tag: e._tag, message: e.message, problem: e.problem, site: e.site });
    else if (e instanceof InitializationError)
      post({ ...base, tag: e._tag, message: e.message, sites: e.sites, attempts: e.attempts });
    else {
      const err = e as { name?: string; message?: string };
      post({ ...base, tag: err.name ?? "Error", message: err.message ?? String(e) });
    }
  }
}

parentPort?.on("message", (msg: RunRequest) => {
  if (msg.type === "run") void runJob(msg);
});
