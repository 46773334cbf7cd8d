/**
 * The TensorFlow.js backend as an Effect resource. `TfBackend.layer()` acquires the best
 * backend that loads here — `@tensorflow/tfjs-node-gpu`, then `@tensorflow/tfjs-node` (both
 * optional: they download a native library at install time, so they are imported dynamically
 * and their absence is a reason in the report, never a crash), then
 * `@tensorflow/tfjs-backend-wasm` (SIMD and threads when Node allows), then the pure JS `cpu`
 * backend — warms it up, opens an engine scope, and on release ends the scope (disposing
 * every tensor created in it) and compares `tf.memory()` with the baseline taken at
 * acquisition, reporting any leak.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { Context, Effect, Layer, Schedule } from "effect";
import {
  errorMessage,
  TensorLeakError,
  TfBackendError,
  TfComputeError,
  TfOutOfMemory,
  TfTransientError,
} from "./errors.js";

export type Tf = typeof tf;
export type BackendName = "tensorflow-gpu" | "tensorflow" | "wasm" | "cpu";
export const BACKEND_PREFERENCE: readonly BackendName[] = [
  "tensorflow-gpu",
  "tensorflow",
  "wasm",
  "cpu",
];

export interface BackendInfo {
  /** The candidate that loaded. */
  readonly name: BackendName;
  /** tfjs's own backend name (`tensorflow`, `wasm`, `cpu`). */
  readonly tfBackend: string;
  /** What it runs on, in words. */
  readonly device: string;
  /** Candidates that did not load, with why. */
  readonly skipped: readonly { readonly backend: string; readonly reason: string }[];
  readonly warmupMs: number;
}

export interface LeakReport {
  readonly leakedTensors: number;
  readonly leakedBytes: number;
  readonly where: string;
}

/** Fault injection for tests: returns an error to throw before a batch runs, or undefined. */
export type FaultInjector = (batch: number, attempt: number) => unknown;

export interface TfBackendService {
  readonly tf: Tf;
  readonly info: BackendInfo;
  /**
   * Runs `f(batch)` inside `tf.tidy`, classifying a thrown error as `TfOutOfMemory`,
   * `TfTransientError` or `TfComputeError`.
   */
  readonly runBatch: <A extends tf.TensorContainer | number | undefined | void>(
    batch: number,
    f: (batch: number) => A,
  ) => Effect.Effect<A, TfOutOfMemory | TfTransientError | TfComputeError>;
  /** Fails with `TensorLeakError` when more tensors are alive than `allowed` above the baseline. */
  readonly checkLeaks: (where: string, allowed?: number) => Effect.Effect<void, TensorLeakError>;
}

export interface TfBackendOptions {
  /** Candidates in order (default `BACKEND_PREFERENCE`); e.g. `["cpu"]` to force one. */
  readonly prefer?: readonly BackendName[];
  /** Called on release when tensors outlive the scope (default: a warning in the log). */
  readonly onLeak?: (leak: LeakReport) => void;
  readonly inject?: FaultInjector;
  /** Threads for the wasm backend (default: all cores when Node allows threads). */
  readonly wasmThreads?: number;
}

/**
 * Retry policy for transient backend failures: exponential back-off from 10 ms, at most
 * `TRANSIENT_RETRIES` retries.
 */
export const transientRetrySchedule = Schedule.exponential("10 millis", 2);
export const TRANSIENT_RETRIES = 3;

const OOM =
  /out of memory|\bOOM\b|failed to allocate|cannot allocate|allocation failed|Array buffer allocation|WebAssembly\.Memory|memory access out of bounds/i;
const TRANSIENT = /EAGAIN|EBUSY|temporarily unavailable|resource busy|try again/i;

/** Classifies an error thrown by a backend computation. */
export function classifyTfError(
  e: unknown,
  batch: number,
): TfOutOfMemory | TfTransientError | TfComputeError {
  if (e instanceof TfOutOfMemory || e instanceof TfTransientError || e instanceof TfComputeError)
    return e;
  const reason = errorMessage(e);
  if (e instanceof RangeError || OOM.test(reason)) return new TfOutOfMemory({ batch, reason });
  if (TRANSIENT.test(reason)) return new TfTransientError({ reason });
  return new TfComputeError({ reason });
}

const require = createRequire(import.meta.url);

/** Dynamic import of an optional package; the specifier is a variable so no types are needed. */
async function importOptional(specifier: string): Promise<void> {
  await import(specifier);
}

async function tryBackend(name: BackendName, wasmThreads?: number): Promise<string> {
  switch (name) {
    case "tensorflow-gpu":
    case "tensorflow": {
      await importOptional(
        name === "tensorflow-gpu" ? "@tensorflow/tfjs-node-gpu" : "@tensorflow/tfjs-node",
      );
      if (!(await tf.setBackend("tensorflow")))
        throw new Error("tfjs-node loaded but its backend did not initialise");
      return name === "tensorflow-gpu"
        ? "TensorFlow C library (CUDA GPU when present)"
        : "TensorFlow C library (CPU)";
    }
    case "wasm": {
      const wasm = await import("@tensorflow/tfjs-backend-wasm");
      const dir = join(
        dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")),
        "dist",
      );
      // In Node the wasm binaries are read from the package's own dist folder.
      wasm.setWasmPaths(`${dir}/`);
      if (wasmThreads !== undefined) wasm.setThreadsCount(wasmThreads);
      if (!(await tf.setBackend("wasm"))) throw new Error("the wasm backend did not initialise");
      const simd = tf.env().getBool("WASM_HAS_SIMD_SUPPORT");
      const threads = tf.env().getBool("WASM_HAS_MULTITHREAD_SUPPORT");
      return `WebAssembly (SIMD ${simd ? "on" : "off"}, threads ${threads ? `on, ${wasm.getThreadsCount()}` : "off"})`;
    }
    case "cpu": {
      if (!(await tf.setBackend("cpu"))) throw new Error("the cpu backend did not initialise");
      return "pure JavaScript (cpu)";
    }
  }
}

/** Selects and initialises the first candidate that loads (retrying transient failures). */
export const selectBackend = (
  prefer: readonly BackendName[] = BACKEND_PREFERENCE,
  wasmThreads?: number,
): Effect.Effect<Omit<BackendInfo, "warmupMs">, TfBackendError> =>
  Effect.gen(function* () {
    const skipped: { backend: string; reason: string }[] = [];
    for (const name of prefer) {
      const device = yield* Effect.tryPromise({
        try: () => tryBackend(name, wasmThreads),
        catch: (e) => classifyTfError(e, 0),
      }).pipe(
        Effect.retry({
          schedule: transientRetrySchedule,
          times: TRANSIENT_RETRIES,
          while: (e) => e._tag === "TfTransientError",
        }),
        Effect.map((d) => d as string | undefined),
        Effect.catch((e) => {
          skipped.push({ backend: name, reason: e.reason.split("\n")[0] ?? e.reason });
          return Effect.succeed(undefined);
        }),
      );
      if (device !== undefined) return { name, tfBackend: tf.getBackend(), device, skipped };
    }
    return yield* new TfBackendError({
      reason: "no tfjs backend could be initialised",
      tried: skipped,
    });
  });

const leakReport = (
  baseline: tf.MemoryInfo,
  where: string,
  allowed: number,
): LeakReport | undefined => {
  const now = tf.memory();
  const leakedTensors = now.numTensors - baseline.numTensors - allowed;
  if (leakedTensors <= 0) return undefined;
  return { leakedTensors, leakedBytes: now.numBytes - baseline.numBytes, where };
};

const acquire = (options: TfBackendOptions) =>
  Effect.gen(function* () {
    const selected = yield* selectBackend(options.prefer, options.wasmThreads);
    const t0 = performance.now();
    // Warm-up: one small matmul compiles/initialises kernels before any timing.
    tf.tidy(() => tf.matMul(tf.ones([16, 16]), tf.ones([16, 16])).dataSync());
    const info: BackendInfo = { ...selected, warmupMs: performance.now() - t0 };
    const baseline = tf.memory();
    tf.engine().startScope();
    yield* Effect.logDebug(`tfjs backend ${info.name}: ${info.device}`);
    let attempt = 0;
    const service: TfBackendService = {
      tf,
      info,
      runBatch: (batch, f) =>
        Effect.try({
          try: () => {
            const injected = options.inject?.(batch, attempt++);
            if (injected !== undefined) throw injected;
            return tf.tidy(() => f(batch) as tf.TensorContainer) as ReturnType<typeof f>;
          },
          catch: (e) => classifyTfError(e, batch),
        }),
      checkLeaks: (where, allowed = 0) => {
        const leak = leakReport(baseline, where, allowed);
        return leak === undefined ? Effect.void : Effect.fail(new TensorLeakError(leak));
      },
    };
    return { service, baseline };
  });

export class TfBackend extends Context.Service<TfBackend, TfBackendService>()(
  "@sidereal/nn/TfBackend",
) {
  /** The backend as a scoped layer: released with its scope, tensors disposed, leaks reported. */
  static layer(options: TfBackendOptions = {}): Layer.Layer<TfBackend, TfBackendError> {
    return Layer.effect(
      TfBackend,
      Effect.acquireRelease(acquire(options), ({ baseline }) =>
        Effect.sync(() => {
          tf.engine().endScope();
          const leak = leakReport(baseline, "TfBackend release", 0);
          return leak;
        }).pipe(
          Effect.flatMap((leak) => {
            if (leak === undefined) return Effect.void;
            if (options.onLeak !== undefined) return Effect.sync(() => options.onLeak?.(leak));
            return Effect.logWarning(
              `tfjs: ${leak.leakedTensors} tensors (${leak.leakedBytes} bytes) outlived the backend scope`,
            );
          }),
        ),
      ).pipe(Effect.map(({ service }) => service)),
    );
  }
}

/**
 * Runs `f` on batches, halving the batch on `TfOutOfMemory` until it fits (down to
 * `minBatch`); transient failures are retried with `transientRetrySchedule`. Returns the
 * result and the batch size that worked, so a caller can keep using it.
 */
export const withBatchHalving = <A extends tf.TensorContainer | number | undefined | void>(
  batch: number,
  f: (batch: number) => A,
  minBatch = 1,
): Effect.Effect<
  { readonly value: A; readonly batch: number },
  TfOutOfMemory | TfTransientError | TfComputeError,
  TfBackend
> =>
  Effect.gen(function* () {
    const backend = yield* TfBackend;
    let b = batch;
    for (;;) {
      const result = yield* backend.runBatch(b, f).pipe(
        Effect.retry({
          schedule: transientRetrySchedule,
          times: TRANSIENT_RETRIES,
          while: (e) => e._tag === "TfTransientError",
        }),
        Effect.map((value) => ({ value, batch: b }) as const),
        Effect.catchTag("TfOutOfMemory", (e) =>
          b > minBatch ? Effect.succeed(undefined) : Effect.fail(e),
        ),
      );
      if (result !== undefined) return result;
      yield* Effect.logWarning(
        `tfjs: out of memory at batch ${b}, halving to ${Math.max(minBatch, b >> 1)}`,
      );
      b = Math.max(minBatch, b >> 1);
    }
  });
