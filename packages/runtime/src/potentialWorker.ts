/**
 * Worker-thread entry of the threads `WorkerPool` for potentials: `workerData` is
 * `{ ref, data, start, settings }`; the worker builds the potential once, then runs each
 * requested chain (`{ chain, faultAfter? }`), posting progress and the chain's result or
 * its error. `faultAfter` (set only by the fault-injection test layer) makes the worker exit
 * after that many iterations, as a crash would. Not part of the public API.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { SampleChainResult, SampleProgress } from "@sidereal/autodiff-samplers";
import {
  buildPotential,
  type PotentialJob,
  type PotentialModel,
  runPotentialChain,
} from "./potentialChain.js";
import { markWorker } from "./workerMarker.js";

/** A request to the worker. */
export interface PotentialRequest {
  readonly chain: number;
  readonly faultAfter?: number;
}

/** A message from the worker. */
export type PotentialMessage =
  | { readonly type: "progress"; readonly chain: number; readonly progress: SampleProgress }
  | { readonly type: "result"; readonly chain: number; readonly result: SampleChainResult }
  | {
      readonly type: "error";
      readonly chain: number;
      readonly name: string;
      readonly message: string;
    };

markWorker();
const job = workerData as Omit<PotentialJob, "label">;
let model: Promise<PotentialModel> | undefined;

parentPort?.on("message", async (req: PotentialRequest) => {
  const port = parentPort;
  if (port === null) return;
  try {
    model ??= buildPotential(job.ref, job.data);
    const m = await model;
    const result = runPotentialChain(m, job.start, job.settings, req.chain, (progress) => {
      if (req.faultAfter !== undefined && progress.iteration >= req.faultAfter) process.exit(3);
      port.postMessage({ type: "progress", chain: req.chain, progress } satisfies PotentialMessage);
    });
    port.postMessage({ type: "result", chain: req.chain, result } satisfies PotentialMessage);
  } catch (e) {
    const err = e as { name?: string; message?: string };
    port.postMessage({
      type: "error",
      chain: req.chain,
      name: err.name ?? "Error",
      message: err.message ?? String(e),
    } satisfies PotentialMessage);
  }
});
