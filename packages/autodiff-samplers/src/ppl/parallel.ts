/**
 * Runs chains in `node:worker_threads` workers (one per core by default, never more than
 * chains). Chain `c` goes to worker `c mod W`; each worker imports the model from its
 * `ModelRef`, runs its chains with {@link runChain} and posts the outputs back, so the
 * results equal the sequential ones bit for bit.
 *
 * The worker entry is the compiled `dist/ppl/mcmcWorker.js` (workers run plain JavaScript).
 * When this module itself runs from TypeScript sources (tests), the built entry of the
 * package is used, so the package must have been built (`npm run build -w
 * @sidereal/autodiff-samplers`); otherwise a `ModelError` ("unsupported") says so. The data
 * must be structured-cloneable (plain objects, arrays, typed arrays; not tensors).
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { PRNGKey } from "@sidereal/distributions";
import type { SampleProgress } from "../mcmc/index.js";
import { InitializationError, ModelError, type ModelProblem } from "./errors.js";
import type { ModelRef } from "./model.js";
import type { ChainOptions, ChainOutput } from "./runChain.js";

/** Message from a worker. */
export type WorkerMessage =
  | { readonly type: "progress"; readonly chain: number; readonly progress: SampleProgress }
  | { readonly type: "result"; readonly chain: number; readonly output: ChainOutput }
  | {
      readonly type: "error";
      readonly tag: string;
      readonly message: string;
      readonly problem?: ModelProblem;
      readonly site?: string;
      readonly sites?: readonly string[];
      readonly attempts?: number;
    };

/** Data given to a worker. */
export interface WorkerInput {
  readonly ref: ModelRef;
  readonly data: unknown;
  readonly chains: readonly { readonly index: number; readonly k0: number; readonly k1: number }[];
  readonly options: ChainOptions;
  readonly progress: boolean;
}

/** URL of the worker entry (see the module doc). */
export function workerEntry(): URL {
  const here = import.meta.url;
  const url = here.endsWith(".ts")
    ? new URL("../../dist/ppl/mcmcWorker.js", here)
    : new URL("./mcmcWorker.js", here);
  if (!existsSync(fileURLToPath(url)))
    throw new ModelError(
      "unsupported",
      "",
      `parallel chains need the compiled worker ${fileURLToPath(url)}: run "npm run build -w @sidereal/autodiff-samplers"`,
    );
  return url;
}

function rebuildError(msg: Extract<WorkerMessage, { type: "error" }>): Error {
  if (msg.tag === "ModelError")
    return new ModelError(msg.problem ?? "unsupported", msg.site ?? "", msg.message);
  if (msg.tag === "InitializationError")
    return new InitializationError(msg.sites ?? [], msg.attempts ?? 0, msg.message);
  const e = new Error(msg.message);
  e.name = msg.tag;
  return e;
}

/** Runs one chain per key in workers; resolves to the outputs in chain order. */
export function runChainsParallel(
  ref: ModelRef,
  data: unknown,
  keys: readonly PRNGKey[],
  options: ChainOptions,
  extra: {
    readonly numWorkers?: number;
    readonly onProgress?: (chain: number, p: SampleProgress) => void;
  } = {},
): Promise<ChainOutput[]> {
  const entry = workerEntry();
  const numWorkers = Math.max(1, Math.min(keys.length, extra.numWorkers ?? availableParallelism()));
  const outputs: (ChainOutput | undefined)[] = keys.map(() => undefined);
  const jobs = Array.from({ length: numWorkers }, (_, w) =>
    keys
      .map((k, index) => ({ index, k0: k.k0, k1: k.k1 }))
      .filter((c) => c.index % numWorkers === w),
  );
  const workers: Worker[] = [];
  const runs = jobs.map(
    (chains) =>
      new Promise<void>((resolve, reject) => {
        const input: WorkerInput = {
          ref,
          data,
          chains,
          options,
          progress: extra.onProgress !== undefined,
        };
        const worker = new Worker(entry, { workerData: input });
        workers.push(worker);
        let failed = false;
        worker.on("message", (msg: WorkerMessage) => {
          if (msg.type === "progress") extra.onProgress?.(msg.chain, msg.progress);
          else if (msg.type === "result") outputs[msg.chain] = msg.output;
          else {
            failed = true;
            reject(rebuildError(msg));
          }
        });
        worker.on("error", (e) => {
          failed = true;
          reject(e);
        });
        worker.on("exit", (code) => {
          if (failed) return;
          const missing = chains.filter((c) => outputs[c.index] === undefined);
          if (code !== 0 || missing.length > 0)
            reject(
              new ModelError(
                "unsupported",
                "",
                `mcmc worker exited with code ${code} before returning chains ${missing.map((c) => c.index).join(", ")}`,
              ),
            );
          else resolve();
        });
      }),
  );
  return Promise.all(runs).then(
    () => outputs as ChainOutput[],
    (e: unknown) => {
      // stop the other workers: their chains are no longer needed
      for (const w of workers) void w.terminate();
      throw e;
    },
  );
}
