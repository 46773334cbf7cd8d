/**
 * A pool of `node:worker_threads` workers running MCMC chains, as a scoped resource: it is
 * acquired with `Effect.acquireRelease`, so every worker it started is terminated (and its
 * exit awaited) when the scope closes, whether the run succeeded, failed or was interrupted.
 *
 * Workers start lazily, at most `size` of them, each importing the model once and then
 * running chains one at a time (`RunRequest`). A worker that dies while running a chain
 * (exit, uncaught error, out of memory) fails that chain with a `SamplerError`
 * (`"worker-crash"`) and is replaced by a fresh one on the next run, which can resume the
 * chain from the last checkpoint the dead worker sent (`onCheckpoint`, `resume`); an interrupted run
 * terminates its worker. `run` must not be called more than `size` times concurrently
 * (`Effect.forEach(..., { concurrency: pool.size })`).
 */
import { Worker } from "node:worker_threads";
import type { PRNGKey } from "@sidereal/distributions";
import { Effect, type Scope } from "effect";
import type { ChainCheckpoint, SampleProgress } from "../mcmc/index.js";
import { type ChainPhase, type InitializationError, ModelError, SamplerError } from "./errors.js";
import type { ModelRef } from "./model.js";
import {
  errorFromMessage,
  type RunRequest,
  type WorkerInit,
  type WorkerMessage,
  workerEntry,
} from "./parallel.js";
import type { ChainOptions, ChainOutput, ChainStart } from "./runChain.js";

let liveWorkers = 0;

/** Number of MCMC worker threads of this process that have started and not yet exited. */
export function liveWorkerCount(): number {
  return liveWorkers;
}

/** Configuration of {@link workerPool}. */
export interface WorkerPoolConfig {
  readonly ref: ModelRef;
  /** Structured-cloneable data of the model. */
  readonly data: unknown;
  readonly options: ChainOptions;
  /** Maximum number of workers (integer ≥ 1). */
  readonly size: number;
  /** Minimum time between progress messages of a chain in ms (default 100). */
  readonly progressMs?: number;
  /** Minimum time between checkpoints of a chain in ms (default 5000; 0: every iteration). */
  readonly checkpointMs?: number;
  /** Each worker awaits `loadWasmBackend()` before importing the model (default false). */
  readonly wasm?: boolean;
}

/** Optional parts of a {@link WorkerPool.run}. */
export interface RunOptions {
  /** Progress reports of the chain (throttled by the worker). */
  readonly onProgress?: (progress: SampleProgress) => void;
  /** The chain's prescribed initial position and/or inverse mass matrix. */
  readonly start?: ChainStart;
  /** Resume the chain from this checkpoint of a crashed run (with its whole history). */
  readonly resume?: ChainCheckpoint;
  /** Checkpoints of the chain as they arrive (state + rows since the previous one). */
  readonly onCheckpoint?: (checkpoint: ChainCheckpoint) => void;
  /** Tests of crash recovery only: the worker exits after this many iterations. */
  readonly faultAfter?: number;
}

/** A started pool (see the module doc). */
export interface WorkerPool {
  readonly size: number;
  /**
   * Runs chain `chain` from `key` on a free worker (see {@link RunOptions}). `attempt`
   * (1-based) is reported in a `SamplerError`.
   */
  run(
    chain: number,
    key: PRNGKey,
    attempt: number,
    options?: RunOptions,
  ): Effect.Effect<ChainOutput, ModelError | InitializationError | SamplerError>;
}

interface Started {
  readonly worker: Worker;
  readonly exited: Promise<void>;
}

function createPool(config: WorkerPoolConfig): {
  pool: WorkerPool;
  shutdown: () => Promise<void>;
} {
  if (!Number.isInteger(config.size) || config.size < 1)
    throw new ModelError(
      "bad-argument",
      "",
      `workerPool: size must be an integer ≥ 1, got ${config.size}`,
    );
  const entry = workerEntry();
  const init: WorkerInit = {
    ref: config.ref,
    data: config.data,
    options: config.options,
    progressMs: config.progressMs ?? 100,
    checkpointMs: config.checkpointMs ?? 5000,
    wasm: config.wasm ?? false,
  };
  const slots: (Started | undefined)[] = Array.from({ length: config.size }, () => undefined);
  const free: number[] = Array.from({ length: config.size }, (_, i) => config.size - 1 - i);
  const all = new Set<Started>();

  const spawn = (slot: number): Started => {
    const worker = new Worker(entry, { workerData: init });
    liveWorkers++;
    const exited = new Promise<void>((resolve) => {
      worker.once("exit", () => {
        liveWorkers--;
        all.delete(started);
        if (slots[slot] === started) slots[slot] = undefined;
        resolve();
      });
    });
    // an idle worker's error must not become an unhandled 'error' event
    worker.on("error", () => {
      if (slots[slot] === started) slots[slot] = undefined;
    });
    const started: Started = { worker, exited };
    all.add(started);
    slots[slot] = started;
    return started;
  };

  const run: WorkerPool["run"] = (chain, key, attempt, options = {}) =>
    Effect.callback<ChainOutput, ModelError | InitializationError | SamplerError>((resume) => {
      const slot = free.pop();
      if (slot === undefined) {
        resume(Effect.die(new Error("workerPool: more concurrent runs than workers")));
        return;
      }
      const { worker } = slots[slot] ?? spawn(slot);
      let phase: ChainPhase = "init";
      let iteration = 0;
      let settled = false;
      const crash = (cause: unknown) =>
        new SamplerError({
          problem: "worker-crash",
          chain,
          phase,
          iteration,
          attempts: attempt,
          cause,
        });
      // stop listening, give the slot back (emptied when the worker is dead); false if done
      const detach = (dead: boolean): boolean => {
        if (settled) return false;
        settled = true;
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
        if (dead && slots[slot]?.worker === worker) slots[slot] = undefined;
        free.push(slot);
        return true;
      };
      const settle = (
        outcome: Effect.Effect<ChainOutput, ModelError | InitializationError | SamplerError>,
        dead: boolean,
      ) => {
        if (detach(dead)) resume(outcome);
      };
      const onMessage = (msg: WorkerMessage) => {
        if (msg.chain !== chain) return;
        if (msg.type === "progress") {
          phase = msg.progress.phase;
          iteration = msg.progress.iteration;
          options.onProgress?.(msg.progress);
        } else if (msg.type === "checkpoint") options.onCheckpoint?.(msg.checkpoint);
        else if (msg.type === "result") settle(Effect.succeed(msg.output), false);
        else settle(Effect.fail(errorFromMessage(msg, attempt)), false);
      };
      const onError = (e: unknown) => {
        settle(Effect.fail(crash(e)), true);
        void worker.terminate();
      };
      const onExit = (code: number) =>
        settle(Effect.fail(crash(new Error(`worker exited with code ${code}`))), true);
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.on("exit", onExit);
      const req: RunRequest = {
        type: "run",
        chain,
        k0: key.k0,
        k1: key.k1,
        ...(options.start ? { start: options.start } : {}),
        ...(options.resume ? { resume: options.resume } : {}),
        ...(options.faultAfter !== undefined ? { faultAfter: options.faultAfter } : {}),
      };
      worker.postMessage(req);
      // interrupted: nobody waits for this chain any more, stop its worker
      return Effect.promise(async () => {
        if (detach(true)) await worker.terminate();
      });
    });

  const shutdown = async (): Promise<void> => {
    await Promise.all(
      [...all].map(async (s) => {
        await s.worker.terminate();
        await s.exited;
      }),
    );
  };
  return { pool: { size: config.size, run }, shutdown };
}

/**
 * Acquires a worker pool in the current scope (see the module doc). Fails with `ModelError`
 * for a bad `size` or when the compiled worker entry is missing.
 */
export function workerPool(
  config: WorkerPoolConfig,
): Effect.Effect<WorkerPool, ModelError, Scope.Scope> {
  return Effect.acquireRelease(
    Effect.try({
      try: () => createPool(config),
      catch: (e) => (e instanceof ModelError ? e : new ModelError("unsupported", "", String(e))),
    }),
    (p) => Effect.promise(() => p.shutdown()),
  ).pipe(Effect.map((p) => p.pool));
}
