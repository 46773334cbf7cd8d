/**
 * The NUTS runners on a model (NumPyro's `MCMC(NUTS(model))`):
 *
 * - `mcmcEffect(model, data, options)`: an `Effect` failing with typed errors
 *   (`ModelError | InitializationError | SamplerError`). With `chainMethod: "parallel"` the
 *   chains run in a scoped pool of `node:worker_threads` workers (`workerPool`), terminated
 *   when the effect completes, fails or is interrupted; a chain whose worker crashed is run
 *   again up to `maxChainRetries` times (`Effect.retry` with `Schedule.recurs`), resuming
 *   from the last checkpoint its worker sent (`checkpointMs`; see `mcmc/checkpoint.ts`):
 *   the results stay identical to an uninterrupted run.
 * - `mcmc(model, data, options)`: the plain API; sequential runs are synchronous and return
 *   the result, parallel runs return a promise (built on `mcmcEffect`).
 *
 * Chain `c` uses key `split(key(seed), numChains)[c]`; sequential and parallel runs give
 * the same draws bit for bit. `progress: true` shows a progress line per chain on stderr
 * (`ProgressReporter`: redrawn in place on a TTY, a log line every 10 % otherwise).
 *
 * `wasm: true` compiles the potential with `@sidereal/tensor`'s WebAssembly SIMD backend:
 * `mcmcEffect` awaits `loadWasmBackend()` in the main thread before anything compiles, and
 * every worker awaits it before importing the model, so all threads use the same backend
 * and draws stay identical across worker counts and between sequential and parallel runs.
 */
import { availableParallelism } from "node:os";
import { key, type PRNGKey, split } from "@sidereal/distributions";
import { isWasmBackendLoaded, loadWasmBackend } from "@sidereal/tensor";
import { Effect, Schedule } from "effect";
import { type ChainCheckpoint, CheckpointLog, type SampleProgress } from "../mcmc/index.js";
import { runSteps, type Steps, stepsEffect } from "../sliced.js";
import { type AdviInitOptions, adviStarts } from "./adviStarts.js";
import { type ChainPhase, InitializationError, ModelError, SamplerError } from "./errors.js";
import { importModel } from "./importModel.js";
import type { InitStrategy } from "./initStrategies.js";
import { logLikelihood } from "./logLikelihood.js";
import { isModel, type Model, type ModelRef } from "./model.js";
import { ProgressReporter, type ProgressStream } from "./progress.js";
import { McmcResult, type McmcResultSource } from "./results.js";
import { type ChainOptions, type ChainOutput, type ChainStart, runChain } from "./runChain.js";
import { workerPool } from "./workerPool.js";

/** Options of {@link mcmc}. */
export interface McmcOptions {
  /** Warmup iterations per chain (default 1000). */
  readonly numWarmup?: number;
  /** Kept draws per chain (default 1000). */
  readonly numSamples?: number;
  /** Number of chains (default 1). */
  readonly numChains?: number;
  /** `"sequential"` (default) or `"parallel"` (worker threads; returns a promise). */
  readonly chainMethod?: "sequential" | "parallel";
  /** Keep every `thinning`-th draw (default 1). */
  readonly thinning?: number;
  /** Target acceptance statistic of dual averaging (default 0.8). */
  readonly targetAccept?: number;
  /** NUTS maximum tree depth (default 10). */
  readonly maxTreeDepth?: number;
  /** Adapt a dense mass matrix (default false). */
  readonly denseMass?: boolean;
  /**
   * Warmup algorithm: `"stan"` (default: Stan's windowed adaptation) or `"pymc"` (PyMC's
   * tuning: no step-size search, a running diagonal metric, depth-8 trees for the first 200
   * iterations; with `init: "advi+adapt_diag"` the metric estimator starts from the ADVI mean
   * and variances weighted as 50 draws, PyMC's `initial_weight`).
   */
  readonly warmup?: "stan" | "pymc";
  /** Init strategy (default `initToUniform()`). */
  readonly initStrategy?: InitStrategy;
  /**
   * How chains start: `"strategy"` (default: `initStrategy` and a unit metric) or
   * `"advi+adapt_diag"` (PyMC): a mean-field ADVI fit, each chain from its own draw of the
   * approximation and the initial diagonal inverse mass matrix from its variances.
   */
  readonly init?: "strategy" | "advi+adapt_diag";
  /** Options of the ADVI fit of `init: "advi+adapt_diag"` (defaults of PyMC's `init_nuts`). */
  readonly advi?: AdviInitOptions;
  /** Integer seed of `key(seed)` (default 0). */
  readonly seed?: number;
  /**
   * Show a progress line per chain (default false): redrawn in place when the stream is a
   * TTY, a log line every 10 % of each phase otherwise (see `ProgressReporter`).
   */
  readonly progress?: boolean;
  /** Stream of the progress display (default `process.stderr`). */
  readonly progressStream?: ProgressStream;
  /** Called with every progress report of every chain (throttled to ~10/s for workers). */
  readonly onProgress?: (chain: number, progress: SampleProgress) => void;
  /** Workers for `"parallel"` (default `os.availableParallelism()`, at most `numChains`). */
  readonly numWorkers?: number;
  /**
   * `"parallel"`: how many times a chain whose worker crashed is run again (default 2), from
   * the last checkpoint its worker sent (or from its start when it sent none); the results
   * are the same as without the crash. Errors thrown by the chain itself are deterministic
   * and are not retried.
   */
  readonly maxChainRetries?: number;
  /**
   * `"parallel"`: minimum time between checkpoints of a worker chain in ms (default 5000; 0
   * after every iteration). A checkpoint carries the chain's state and the draws since the
   * previous one, so the main thread holds a copy of every chain's draws.
   */
  readonly checkpointMs?: number;
  /**
   * `"parallel"`, tests of crash recovery only: the worker running `chain` exits after
   * `afterIteration` iterations of its first attempt, as a crash would (the runtime's
   * `WorkerPool.threadsWithFault` layer sets it).
   */
  readonly faultInjection?: { readonly chain: number; readonly afterIteration: number };
  /**
   * Compile the potential with `@sidereal/tensor`'s WebAssembly SIMD backend (default false;
   * 2.5–3× faster on transcendental-heavy models; values agree with JS to ~1e-12, so draws
   * differ from a JS run but are reproducible). `mcmcEffect` and parallel `mcmc` load it in
   * the main thread and in every worker. The synchronous sequential `mcmc` cannot await: it
   * throws `ModelError` unless `await loadWasmBackend()` has already resolved. Once loaded, a
   * thread keeps using wasm for later compiles (tensor's `backend: "auto"`), also when
   * `wasm` is false; parallel workers then load it too, so that sequential and parallel
   * runs still agree.
   */
  readonly wasm?: boolean;
}

/** Set by the worker entry before it imports the model's module. */
const insideSiderealWorker = (): boolean =>
  (globalThis as Record<symbol, unknown>)[Symbol.for("@sidereal/worker")] === true;

/**
 * A parallel run started inside a worker: the model's module starts a run at its top level,
 * and every worker imports that module, so each would start workers again.
 */
function checkNotNested(): void {
  if (insideSiderealWorker())
    throw new ModelError(
      "unsupported",
      "",
      "mcmc: a parallel run was started inside a worker thread: the model's module starts a run at its top level, and every worker imports that module. Put the run in a main module (or under `if (import.meta.main)`) and keep the model's module free of runs",
    );
}

function chainOptions(o: McmcOptions): ChainOptions {
  if (o.warmup !== undefined && o.warmup !== "stan" && o.warmup !== "pymc")
    throw new ModelError(
      "bad-argument",
      "",
      `mcmc: warmup must be "stan" or "pymc", got ${JSON.stringify(o.warmup)}`,
    );
  if (o.warmup === "pymc" && o.denseMass === true)
    throw new ModelError(
      "bad-argument",
      "",
      'mcmc: warmup "pymc" adapts a diagonal metric (PyMC\'s QuadPotentialDiagAdapt); denseMass must be false',
    );
  const numWarmup = o.numWarmup ?? 1000;
  const numSamples = o.numSamples ?? 1000;
  return {
    numWarmup,
    numSamples,
    ...(o.thinning !== undefined ? { thinning: o.thinning } : {}),
    ...(o.targetAccept !== undefined ? { targetAccept: o.targetAccept } : {}),
    ...(o.maxTreeDepth !== undefined ? { maxTreeDepth: o.maxTreeDepth } : {}),
    ...(o.denseMass !== undefined ? { denseMass: o.denseMass } : {}),
    ...(o.warmup !== undefined ? { warmup: o.warmup } : {}),
    ...(o.initStrategy !== undefined ? { initStrategy: o.initStrategy } : {}),
  };
}

/** `{ resume }` with the latest checkpoint of a chain, or nothing before its first one. */
function resumeFrom(log: CheckpointLog): { readonly resume?: ChainCheckpoint } {
  const latest = log.latest();
  return latest ? { resume: latest } : {};
}

/** Loads the wasm backend in this thread when `wasm: true` (before anything compiles). */
function wasmLoaded(o: McmcOptions): Effect.Effect<void, ModelError> {
  if (o.wasm !== true) return Effect.void;
  return Effect.tryPromise({
    try: () => loadWasmBackend(),
    catch: (e) =>
      new ModelError("unsupported", "", `mcmc: wasm: loadWasmBackend() failed: ${String(e)}`),
  });
}

/** The synchronous `mcmc` with `wasm: true` needs the backend already loaded. */
function checkWasmLoadedSync(o: McmcOptions): void {
  if (o.wasm === true && !isWasmBackendLoaded())
    throw new ModelError(
      "unsupported",
      "",
      'mcmc: wasm: true needs the WebAssembly backend, which the synchronous sequential mcmc cannot load: `await loadWasmBackend()` (from @sidereal/tensor) first, or use mcmcEffect or chainMethod "parallel"',
    );
}

/** Validates `init`; true for `"advi+adapt_diag"`. */
function usesAdvi(o: McmcOptions): boolean {
  const init = o.init ?? "strategy";
  if (init !== "strategy" && init !== "advi+adapt_diag")
    throw new ModelError(
      "bad-argument",
      "",
      `mcmc: init must be "strategy" or "advi+adapt_diag", got ${JSON.stringify(init)}`,
    );
  return init === "advi+adapt_diag";
}

/** What a result needs to evaluate the model's pointwise log-likelihood on its draws. */
function resultSource<D>(model: Model<D>, data: D): McmcResultSource {
  return { logLikelihood: (draws, options) => logLikelihood(model, draws, data, options) };
}

/**
 * Per-chain starts: from ADVI for `init: "advi+adapt_diag"`, none otherwise; as pausable
 * steps (`runSteps` for the synchronous `mcmc`, `stepsEffect` for `mcmcEffect`).
 */
function* chainStartsOf<D>(
  model: Model<D>,
  data: D,
  numChains: number,
  o: McmcOptions,
): Steps<readonly ChainStart[]> {
  if (!usesAdvi(o)) return Array.from({ length: numChains }, () => ({}));
  return yield* adviStarts(model, data, numChains, o.seed ?? 0, o.denseMass ?? false, o.advi);
}

/** The model itself (imported from its reference when only that was given). */
function resolvedModel<D>(model: Model<D> | ModelRef): Effect.Effect<Model<D>, ModelError> {
  if (isModel(model)) return Effect.succeed(model as Model<D>);
  return Effect.tryPromise({
    try: () => importModel(model as ModelRef) as Promise<Model<D>>,
    catch: (e) => (e instanceof ModelError ? e : new ModelError("model-reference", "", String(e))),
  });
}

function chainCount(o: McmcOptions): number {
  const n = o.numChains ?? 1;
  if (!Number.isInteger(n) || n < 1)
    throw new ModelError("bad-argument", "", `mcmc: numChains must be an integer ≥ 1, got ${n}`);
  return n;
}

function checkedRef<D>(model: Model<D> | ModelRef): ModelRef {
  const ref: ModelRef | undefined = isModel(model) ? model.ref : (model as ModelRef);
  if (ref === undefined)
    throw new ModelError(
      "model-reference",
      "",
      'mcmc: chainMethod "parallel" needs an importable model: pass { module, export } or define the model with defineModel(body, { module: import.meta.url, export: "name" })',
    );
  return ref;
}

function checkedModel<D>(model: Model<D> | ModelRef): Model<D> {
  if (!isModel(model))
    throw new ModelError(
      "bad-argument",
      "",
      'mcmc: a model reference can only be run with chainMethod "parallel"; import the model and pass it',
    );
  return model as Model<D>;
}

function retryCount(o: McmcOptions): number {
  const n = o.maxChainRetries ?? 2;
  if (!Number.isInteger(n) || n < 0)
    throw new ModelError(
      "bad-argument",
      "",
      `mcmc: maxChainRetries must be an integer ≥ 0, got ${n}`,
    );
  return n;
}

function checkedCheckpointMs(o: McmcOptions): number {
  const ms = o.checkpointMs ?? 5000;
  if (!(ms >= 0) || !Number.isFinite(ms))
    throw new ModelError(
      "bad-argument",
      "",
      `mcmc: checkpointMs must be a finite number ≥ 0, got ${ms}`,
    );
  return ms;
}

/** The progress sink of a run (reporter and/or callback), undefined when neither is asked. */
function progressSink(
  o: McmcOptions,
  numChains: number,
):
  | { readonly report: (chain: number, p: SampleProgress) => void; readonly finish: () => void }
  | undefined {
  const reporter = o.progress
    ? new ProgressReporter(numChains, o.progressStream ? { stream: o.progressStream } : {})
    : undefined;
  const cb = o.onProgress;
  if (reporter === undefined && cb === undefined) return undefined;
  return {
    report: (c, p) => {
      reporter?.update(c, p);
      cb?.(c, p);
    },
    finish: () => reporter?.finish(),
  };
}

type ChainFailure = ModelError | InitializationError | SamplerError;

/** Runs chain `c` in this thread; non-PPL exceptions become `SamplerError` ("chain-error"). */
function chainInThread<D>(
  model: Model<D>,
  data: D,
  k: PRNGKey,
  c: number,
  opts: ChainOptions,
  report: ((chain: number, p: SampleProgress) => void) | undefined,
  start: ChainStart,
) {
  let phase: ChainPhase = "init";
  let iteration = 0;
  return Effect.try({
    try: () =>
      runChain(
        model,
        data,
        k,
        opts,
        (p) => {
          phase = p.phase;
          iteration = p.iteration;
          report?.(c, p);
        },
        start,
      ),
    catch: (e): ChainFailure =>
      e instanceof ModelError || e instanceof InitializationError
        ? e
        : new SamplerError({
            problem: "chain-error",
            chain: c,
            phase,
            iteration,
            attempts: 1,
            cause: e,
          }),
  });
}

/**
 * Runs NUTS chains on `model` as an `Effect` (see the module doc). Fails with `ModelError`
 * for bad options or an unloadable model, `InitializationError` when no valid start is found,
 * `SamplerError` when a chain throws or its worker crashed more than `maxChainRetries` times.
 * Interrupting the effect terminates the workers (parallel) or stops between chains
 * (sequential).
 */
export function mcmcEffect<D>(
  model: Model<D> | ModelRef,
  data: D,
  options: McmcOptions = {},
): Effect.Effect<McmcResult, ModelError | InitializationError | SamplerError> {
  return Effect.suspend(() => {
    const numChains = chainCount(options);
    const maxRetries = retryCount(options);
    const keys = split(key(options.seed ?? 0), numChains);
    const sink = progressSink(options, numChains);
    const base = chainOptions(options);
    const opts: ChainOptions = sink ? { ...base, progressInterval: 1 } : base;
    const parallel = options.chainMethod === "parallel";
    if (parallel) checkNotNested();
    const ref = parallel ? checkedRef(model) : undefined;
    const starts: Effect.Effect<readonly ChainStart[], ChainFailure> = usesAdvi(options)
      ? Effect.flatMap(resolvedModel(model), (m) =>
          // the ADVI fit yields the event loop every 50 ms: Ctrl-C is seen at once
          stepsEffect(
            () => chainStartsOf(m, data, numChains, options),
            (e): ChainFailure =>
              e instanceof ModelError || e instanceof InitializationError
                ? e
                : new InitializationError([], 0, `init "advi+adapt_diag" failed: ${String(e)}`),
          ),
        )
      : Effect.succeed(keys.map(() => ({})));
    const chains = (start: readonly ChainStart[]): Effect.Effect<ChainOutput[], ChainFailure> =>
      ref !== undefined
        ? Effect.scoped(
            Effect.gen(function* () {
              const size = Math.max(
                1,
                Math.min(numChains, options.numWorkers ?? availableParallelism()),
              );
              const pool = yield* workerPool({
                ref,
                data,
                options: opts,
                size,
                checkpointMs: checkedCheckpointMs(options),
                // workers mirror this thread: loaded here (now, or by an earlier run or the
                // user) means wasm everywhere, so parallel draws equal sequential ones
                wasm: options.wasm === true || isWasmBackendLoaded(),
              });
              const attempts = keys.map(() => 0);
              // the checkpoints each chain's worker sent: a retried chain resumes from the last
              const logs = keys.map(() => new CheckpointLog());
              const one = (c: number) =>
                Effect.suspend(() =>
                  pool.run(c, keys[c], ++attempts[c], {
                    ...(sink ? { onProgress: (p: SampleProgress) => sink.report(c, p) } : {}),
                    start: start[c],
                    ...resumeFrom(logs[c]),
                    onCheckpoint: (cp) => logs[c].add(cp),
                    ...(options.faultInjection?.chain === c && attempts[c] === 1
                      ? { faultAfter: options.faultInjection.afterIteration }
                      : {}),
                  }),
                ).pipe(
                  Effect.retry({
                    schedule: Schedule.recurs(maxRetries),
                    while: (e: ChainFailure) =>
                      e._tag === "SamplerError" && e.problem === "worker-crash",
                  }),
                );
              return yield* Effect.forEach(
                keys.map((_, c) => c),
                one,
                { concurrency: size },
              );
            }),
          )
        : Effect.forEach(keys, (k, c) =>
            chainInThread(checkedModel(model), data, k, c, opts, sink?.report, start[c]),
          );
    return wasmLoaded(options).pipe(
      Effect.flatMap(() => starts),
      Effect.flatMap(chains),
      Effect.flatMap((outs) =>
        Effect.map(resolvedModel(model), (m) => new McmcResult(outs, resultSource(m, data))),
      ),
      Effect.ensuring(Effect.sync(() => sink?.finish())),
    );
  }).pipe(
    // option checks throw ModelError synchronously inside suspend: surface them as failures
    Effect.catchDefect((e) => (e instanceof ModelError ? Effect.fail(e) : Effect.die(e))),
  );
}

/** Runs NUTS chains on `model` (see the module doc). */
export function mcmc<D>(
  model: Model<D>,
  data: D,
  options?: McmcOptions & { readonly chainMethod?: "sequential" },
): McmcResult;
export function mcmc<D>(
  model: Model<D> | ModelRef,
  data: D,
  options: McmcOptions & { readonly chainMethod: "parallel" },
): Promise<McmcResult>;
export function mcmc<D>(
  model: Model<D> | ModelRef,
  data: D,
  options: McmcOptions = {},
): McmcResult | Promise<McmcResult> {
  const numChains = chainCount(options);
  if (options.chainMethod === "parallel") {
    checkNotNested();
    checkedRef(model);
    retryCount(options);
    checkedCheckpointMs(options);
    return Effect.runPromise(mcmcEffect(model, data, options));
  }
  const m = checkedModel(model);
  checkWasmLoadedSync(options);
  const keys = split(key(options.seed ?? 0), numChains);
  const sink = progressSink(options, numChains);
  const base = chainOptions(options);
  const opts: ChainOptions = sink ? { ...base, progressInterval: 1 } : base;
  const starts = runSteps(chainStartsOf(m, data, numChains, options));
  try {
    const outs = keys.map((k, c) =>
      runChain(m, data, k, opts, sink ? (p) => sink.report(c, p) : undefined, starts[c]),
    );
    return new McmcResult(outs, resultSource(m, data));
  } finally {
    sink?.finish();
  }
}
