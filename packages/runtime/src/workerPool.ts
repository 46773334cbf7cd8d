/**
 * `WorkerPool`: where chains run. Two layers, same draws bit for bit:
 *
 * - `WorkerPool.threads`: chains in `node:worker_threads` workers. PPL models go through
 *   `mcmcEffect` of `@sidereal/autodiff-samplers` (its scoped pool, chains resumed from
 *   checkpoints after a crash); plain potentials through this module's scoped pool
 *   (`samplePotential`). Workers are acquired with `acquireRelease`, so failure and
 *   interrupt terminate them; a chain whose worker crashed is run again following the named
 *   schedule `workerCrashRetry`.
 * - `WorkerPool.inProcess`: every chain in this thread, one after the other (tests,
 *   one-core machines, `--workers 0`).
 *
 * `WorkerPool.threadsWithFault({ chain, afterIteration })` is the threads layer with a crash
 * injected into the first run of one chain (PPL model or potential), for tests of the retry path: fault
 * injection lives in a test layer, not in an environment variable.
 * `WorkerPool.threadsWithTaskCrash({ task, afterDone, attempts })` is the threads layer under
 * which `runTasks` terminates the worker thread of one task (`worker.terminate()`, a real
 * crash) once it has reported `afterDone` units of progress, on its first `attempts` attempts:
 * one attempt tests the crash retry, more than `workerCrashRetry` allows tests the failure.
 *
 * A run started inside a Sidereal worker (a model module that starts a parallel run at its
 * own top level) fails at once with a `RunError` instead of spawning workers without end.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import {
  type InitializationError,
  type McmcOptions,
  type McmcResult,
  type Model,
  type ModelError,
  mcmcEffect,
  type SampleChainResult,
  type SamplerError,
} from "@sidereal/autodiff-samplers";
import { Context, Data, Effect, Layer, Option, Schedule } from "effect";
import { RunError, reasonOf } from "./errors.js";
import { buildPotential, type PotentialJob, runPotentialChain } from "./potentialChain.js";
import type { PotentialMessage, PotentialRequest } from "./potentialWorker.js";
import { Progress, type ProgressShape } from "./progress.js";
import { insideWorker, NESTED_RUN_MESSAGE } from "./workerMarker.js";

/** The typed failures of a PPL run (the sampler's own errors, unchanged). */
export type McmcFailure = ModelError | InitializationError | SamplerError;

/** Chains of a potential run, in chain order, and the wall time. */
export interface PotentialRun {
  readonly chains: readonly SampleChainResult[];
  readonly seconds: number;
}

/**
 * Sampling settings of `WorkerPool.mcmc`, named as the standard flags (a decoded config with
 * `SamplingFields` can be passed as it is).
 */
export interface SamplingSettings {
  readonly chains: number;
  readonly warmup: number;
  readonly draws: number;
  readonly seed: number;
  /** Worker threads (default one per chain, at most the cores; 0: in this thread). */
  readonly workers?: number | undefined;
  /** Progress task prefix (default "chain"). */
  readonly label?: string;
  /**
   * Further options of `mcmcEffect` (target acceptance, tree depth, init, `wasm: true` for
   * the WebAssembly SIMD potential, loaded in this thread and in every worker, …).
   */
  readonly mcmc?: Omit<
    McmcOptions,
    "chainMethod" | "numWorkers" | "numChains" | "numWarmup" | "numSamples" | "seed"
  >;
}

/** The service (see the module doc). */
export interface WorkerPoolShape {
  readonly kind: "threads" | "in-process";
  /** NUTS on a PPL model; in workers when the model has an importable `ref`. */
  readonly mcmc: <D>(
    model: Model<D>,
    data: D,
    settings: SamplingSettings,
  ) => Effect.Effect<McmcResult, McmcFailure | RunError>;
  /** NUTS chains on a plain potential built from a module in each worker. */
  readonly samplePotential: <D>(
    job: PotentialJob<D>,
    workers?: number,
  ) => Effect.Effect<PotentialRun, RunError>;
  /** A task worker to terminate (test layer `threadsWithTaskCrash` only). */
  readonly taskCrash?: TaskCrashInjection;
}

/** A crash to inject (test layer). */
export interface FaultInjection {
  readonly chain: number;
  readonly afterIteration: number;
}

/** A task worker to terminate (test layer of `runTasks`; see the module doc). */
export interface TaskCrashInjection {
  /** The task's progress name (`TaskJob.label`). */
  readonly task: string;
  /** Terminate its worker at its first progress report with `done >= afterDone`. */
  readonly afterDone: number;
  /** On how many of its attempts (1: the retry succeeds; 3: `workerCrashRetry` is exhausted). */
  readonly attempts: number;
}

/** How often a chain whose worker crashed is run again: twice, at once. */
export const workerCrashRetry = Schedule.recurs(2);

class WorkerCrash extends Data.TaggedError("WorkerCrash")<{
  readonly chain: number;
  readonly reason: string;
}> {}

const progressOf = Effect.map(Effect.serviceOption(Progress), Option.getOrUndefined);

const nestedGuard = Effect.suspend(() =>
  insideWorker()
    ? Effect.fail(new RunError({ stage: "starting workers", reason: NESTED_RUN_MESSAGE }))
    : Effect.void,
);

const poolSize = (requested: number | undefined, chains: number) =>
  Math.max(0, Math.min(chains, requested ?? availableParallelism()));

/** True when workers can import the model (a ref to built JavaScript). */
function importable(model: Model<unknown>): boolean {
  const mod = model.ref?.module;
  return mod !== undefined && /\.m?js$/.test(mod);
}

function mcmcWith(parallelAllowed: boolean, fault?: FaultInjection): WorkerPoolShape["mcmc"] {
  return (model, data, settings) =>
    Effect.gen(function* () {
      yield* nestedGuard;
      const progress = yield* progressOf;
      const { workers, label = "chain", chains } = settings;
      const size = parallelAllowed ? poolSize(workers, chains) : 0;
      const parallel = size > 0 && importable(model as Model<unknown>);
      const onProgress = progress
        ? (c: number, p: { phase: string; iteration: number; total: number }) =>
            progress.update(`${label} ${c + 1}`, p.iteration, p.total, p.phase)
        : undefined;
      const result = yield* mcmcEffect(model, data, {
        ...settings.mcmc,
        numChains: chains,
        numWarmup: settings.warmup,
        numSamples: settings.draws,
        seed: settings.seed,
        ...(onProgress ? { onProgress } : {}),
        ...(parallel
          ? {
              chainMethod: "parallel" as const,
              numWorkers: size,
              ...(fault ? { faultInjection: fault } : {}),
            }
          : { chainMethod: "sequential" as const }),
      });
      if (progress) for (let c = 0; c < chains; c++) progress.finish(`${label} ${c + 1}`);
      return result;
    });
}

const chainTask = (job: PotentialJob, c: number) =>
  `${job.label ?? job.ref.export} chain ${c + 1}/${job.settings.chains}`;

/** All chains in this thread. */
function potentialInProcess<D>(
  job: PotentialJob<D>,
  progress: ProgressShape | undefined,
): Effect.Effect<PotentialRun, RunError> {
  return Effect.gen(function* () {
    const t0 = performance.now();
    const model = yield* Effect.tryPromise({
      try: () => buildPotential(job.ref, job.data),
      catch: (e) => new RunError({ stage: `building ${job.ref.export}`, reason: reasonOf(e) }),
    });
    const chains: SampleChainResult[] = [];
    for (let c = 0; c < job.settings.chains; c++) {
      const task = chainTask(job, c);
      chains.push(
        yield* Effect.try({
          try: () =>
            runPotentialChain(model, job.start, job.settings, c, (p) =>
              progress?.update(task, p.iteration, p.total, p.phase),
            ),
          catch: (e) => new RunError({ stage: task, reason: reasonOf(e) }),
        }),
      );
      progress?.finish(task);
      yield* Effect.yieldNow; // let an interrupt in between chains
    }
    return { chains, seconds: (performance.now() - t0) / 1000 };
  });
}

const WORKER_URL = new URL("./potentialWorker.js", import.meta.url);

interface Slot {
  worker: Worker | undefined;
  busy: boolean;
}

/** The scoped pool of potential workers (see the module doc). */
function potentialThreads<D>(
  job: PotentialJob<D>,
  size: number,
  progress: ProgressShape | undefined,
  fault: FaultInjection | undefined,
): Effect.Effect<PotentialRun, RunError> {
  const init = { ref: job.ref, data: job.data, start: job.start, settings: job.settings };
  const acquire = Effect.sync(() => {
    const slots: Slot[] = Array.from({ length: size }, () => ({ worker: undefined, busy: false }));
    const live = new Set<Worker>();
    const spawn = (slot: Slot) => {
      const w = new Worker(WORKER_URL, { workerData: init });
      live.add(w);
      w.once("exit", () => live.delete(w));
      w.on("error", () => {}); // reported through the run that uses it
      slot.worker = w;
      return w;
    };
    const shutdown = () => Promise.all([...live].map((w) => w.terminate())).then(() => undefined);
    return { slots, spawn, shutdown };
  });
  return Effect.scoped(
    Effect.gen(function* () {
      const t0 = performance.now();
      const pool = yield* Effect.acquireRelease(acquire, (p) => Effect.promise(p.shutdown));
      const attempts = Array.from({ length: job.settings.chains }, () => 0);
      const runOnce = (c: number) =>
        Effect.callback<SampleChainResult, RunError | WorkerCrash>((resume) => {
          const slot = pool.slots.find((s) => !s.busy);
          if (slot === undefined) {
            resume(Effect.die(new Error("WorkerPool: more concurrent chains than workers")));
            return;
          }
          slot.busy = true;
          const worker = slot.worker ?? pool.spawn(slot);
          const attempt = ++attempts[c];
          const task = chainTask(job, c);
          let settled = false;
          const detach = (dead: boolean) => {
            if (settled) return false;
            settled = true;
            worker.off("message", onMessage);
            worker.off("exit", onExit);
            worker.off("error", onError);
            if (dead) slot.worker = undefined;
            slot.busy = false;
            return true;
          };
          const onMessage = (m: PotentialMessage) => {
            if (m.chain !== c) return;
            if (m.type === "progress")
              progress?.update(task, m.progress.iteration, m.progress.total, m.progress.phase);
            else if (m.type === "result") {
              if (detach(false)) resume(Effect.succeed(m.result));
            } else if (detach(false))
              resume(Effect.fail(new RunError({ stage: task, reason: m.message })));
          };
          const onExit = (code: number) => {
            if (detach(true))
              resume(
                Effect.fail(
                  new WorkerCrash({ chain: c, reason: `worker exited with code ${code}` }),
                ),
              );
          };
          const onError = (e: unknown) => {
            if (detach(true)) {
              void worker.terminate();
              resume(Effect.fail(new WorkerCrash({ chain: c, reason: reasonOf(e) })));
            }
          };
          worker.on("message", onMessage);
          worker.on("exit", onExit);
          worker.on("error", onError);
          const req: PotentialRequest = {
            chain: c,
            ...(fault && fault.chain === c && attempt === 1
              ? { faultAfter: fault.afterIteration }
              : {}),
          };
          worker.postMessage(req);
          // interrupted: nobody waits for this chain any more
          return Effect.promise(async () => {
            if (detach(true)) await worker.terminate();
          });
        });
      const one = (c: number) =>
        runOnce(c).pipe(
          Effect.retry({ schedule: workerCrashRetry, while: (e) => e._tag === "WorkerCrash" }),
          Effect.tap(() => Effect.sync(() => progress?.finish(chainTask(job, c)))),
          Effect.mapError((e) =>
            e._tag === "WorkerCrash"
              ? new RunError({
                  stage: chainTask(job, c),
                  reason: `its worker crashed ${attempts[c]} times (${e.reason})`,
                })
              : e,
          ),
        );
      const chains = yield* Effect.forEach(
        Array.from({ length: job.settings.chains }, (_, c) => c),
        one,
        { concurrency: size },
      );
      return { chains, seconds: (performance.now() - t0) / 1000 };
    }),
  );
}

function samplePotentialWith(
  threads: boolean,
  fault?: FaultInjection,
): WorkerPoolShape["samplePotential"] {
  return (job, workers) =>
    Effect.gen(function* () {
      yield* nestedGuard;
      const progress = yield* progressOf;
      const size = threads ? poolSize(workers, job.settings.chains) : 0;
      return size === 0
        ? yield* potentialInProcess(job, progress)
        : yield* potentialThreads(job, size, progress, fault);
    });
}

export class WorkerPool extends Context.Service<WorkerPool, WorkerPoolShape>()(
  "@sidereal/runtime/WorkerPool",
) {
  /** Chains in worker threads (see the module doc). */
  static readonly threads: Layer.Layer<WorkerPool> = Layer.succeed(WorkerPool, {
    kind: "threads",
    mcmc: mcmcWith(true),
    samplePotential: samplePotentialWith(true),
  });
  /** Every chain in this thread. */
  static readonly inProcess: Layer.Layer<WorkerPool> = Layer.succeed(WorkerPool, {
    kind: "in-process",
    mcmc: mcmcWith(false),
    samplePotential: samplePotentialWith(false),
  });
  /** The threads layer with a crash injected into the first attempt of one chain. */
  static readonly threadsWithFault = (fault: FaultInjection): Layer.Layer<WorkerPool> =>
    Layer.succeed(WorkerPool, {
      kind: "threads",
      mcmc: mcmcWith(true, fault),
      samplePotential: samplePotentialWith(true, fault),
    });
  /** The threads layer under which `runTasks` terminates one task's worker (module doc). */
  static readonly threadsWithTaskCrash = (crash: TaskCrashInjection): Layer.Layer<WorkerPool> =>
    Layer.succeed(WorkerPool, {
      kind: "threads",
      mcmc: mcmcWith(true),
      samplePotential: samplePotentialWith(true),
      taskCrash: crash,
    });
}

/** NUTS on a PPL model through the `WorkerPool` in context (typed sampler errors kept). */
export const sampleModel = <D>(
  model: Model<D>,
  data: D,
  settings: SamplingSettings,
): Effect.Effect<McmcResult, McmcFailure | RunError, WorkerPool> =>
  Effect.gen(function* () {
    const pool = yield* WorkerPool;
    return yield* pool.mcmc(model, data, settings);
  });

/** NUTS chains on a plain potential through the `WorkerPool` in context. */
export const samplePotential = <D>(
  job: PotentialJob<D>,
  workers?: number,
): Effect.Effect<PotentialRun, RunError, WorkerPool> =>
  Effect.gen(function* () {
    const pool = yield* WorkerPool;
    return yield* pool.samplePotential(job, workers);
  });
