/**
 * The protocol between `mcmcEffect`'s worker pool (`workerPool.ts`) and the worker entry
 * (`mcmcWorker.ts`), and where that entry lives.
 *
 * A worker is started with a {@link WorkerInit} (model reference, data, chain options),
 * imports the model once, and then runs one chain per {@link RunRequest} with `runChain`,
 * posting throttled progress and checkpoints (the chain's state with the rows recorded since
 * the previous checkpoint), then the chain's output or a serialised error
 * ({@link WorkerMessage}). A request may resume a crashed chain from its last checkpoint.
 * Outputs are the same bit for bit as in the main thread.
 *
 * The worker entry is the compiled `dist/ppl/mcmcWorker.js` (workers run plain JavaScript).
 * When this module itself runs from TypeScript sources (tests), the built entry of the
 * package is used, so the package must have been built (`npm run build -w
 * @sidereal/autodiff-samplers`); otherwise a `ModelError` ("unsupported") says so. The data
 * must be structured-cloneable (plain objects, arrays, typed arrays; not tensors).
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ChainCheckpoint, SampleProgress } from "../mcmc/index.js";
import {
  type ChainPhase,
  InitializationError,
  ModelError,
  type ModelProblem,
  SamplerError,
} from "./errors.js";
import type { ModelRef } from "./model.js";
import type { ChainOptions, ChainOutput, ChainStart } from "./runChain.js";

/** `workerData` of a worker. */
export interface WorkerInit {
  readonly ref: ModelRef;
  readonly data: unknown;
  readonly options: ChainOptions;
  /** Minimum time between progress messages of one chain, in ms (phase ends always post). */
  readonly progressMs: number;
  /** Minimum time between checkpoint messages of one chain, in ms (0: after every iteration). */
  readonly checkpointMs: number;
  /**
   * Await `loadWasmBackend()` before importing the model, so the worker compiles with the
   * same backend as the main thread (`McmcOptions.wasm`).
   */
  readonly wasm: boolean;
}

/**
 * Request to a worker: run chain `chain` from the key with data `(k0, k1)`, from a prescribed
 * start when `start` is given.
 */
export interface RunRequest {
  readonly type: "run";
  readonly chain: number;
  readonly k0: number;
  readonly k1: number;
  readonly start?: ChainStart;
  /** Continue from this checkpoint (with its whole history) of a crashed run of the chain. */
  readonly resume?: ChainCheckpoint;
  /** Tests of crash recovery only: the worker exits after this many iterations. */
  readonly faultAfter?: number;
}

/** Message from a worker. */
export type WorkerMessage =
  | { readonly type: "progress"; readonly chain: number; readonly progress: SampleProgress }
  | { readonly type: "checkpoint"; readonly chain: number; readonly checkpoint: ChainCheckpoint }
  | { readonly type: "result"; readonly chain: number; readonly output: ChainOutput }
  | {
      readonly type: "error";
      readonly chain: number;
      readonly tag: string;
      readonly message: string;
      readonly phase: ChainPhase;
      readonly iteration: number;
      readonly problem?: ModelProblem;
      readonly site?: string;
      readonly sites?: readonly string[];
      readonly attempts?: number;
    };

/** URL of the worker entry (see the module doc); throws `ModelError` when it is not built. */
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

/**
 * The typed error of an error message: `ModelError` and `InitializationError` are rebuilt as
 * such, anything else becomes a `SamplerError` (`"chain-error"`) whose cause carries the
 * original name and message. `attempts` is the number of starts of the chain so far.
 */
export function errorFromMessage(
  msg: Extract<WorkerMessage, { type: "error" }>,
  attempts: number,
): ModelError | InitializationError | SamplerError {
  if (msg.tag === "ModelError")
    return new ModelError(msg.problem ?? "unsupported", msg.site ?? "", msg.message);
  if (msg.tag === "InitializationError")
    return new InitializationError(msg.sites ?? [], msg.attempts ?? 0, msg.message);
  const cause = new Error(msg.message);
  cause.name = msg.tag;
  return new SamplerError({
    problem: "chain-error",
    chain: msg.chain,
    phase: msg.phase,
    iteration: msg.iteration,
    attempts,
    cause,
  });
}
