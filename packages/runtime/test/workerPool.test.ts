/**
 * WorkerPool: the threads and in-process layers give the same draws bit for bit; a crashed
 * worker (injected by the test layer) is retried and the draws do not change; a module that
 * starts a parallel run at its top level fails with a clear error instead of fork-bombing;
 * interrupting a run terminates its workers.
 */
import { describe, expect, it } from "@effect/vitest";
import { liveWorkerCount, type Model } from "@sidereal/autodiff-samplers";
import {
  Progress,
  type ProgressEvent,
  potentialResult,
  sampleModel,
  samplePotential,
  WorkerPool,
} from "@sidereal/runtime";
import { Effect, Fiber } from "effect";

const GAUSSIAN = new URL("./fixtures/gaussian-potential.mjs", import.meta.url).href;
const job = (draws = 300) => ({
  ref: { module: GAUSSIAN, export: "gaussian" },
  data: { mu: [1, -2], rho: 0.6 },
  start: Float64Array.of(0, 0),
  settings: { chains: 3, warmup: 200, draws, seed: 11 },
});

const draws = (chains: readonly { draws: Float64Array }[]) =>
  chains.map((c) => Array.from(c.draws));

describe("WorkerPool", () => {
  it.effect("threads (1 or 2 workers) and in-process runs give identical draws", () =>
    Effect.gen(function* () {
      const inProcess = yield* samplePotential(job()).pipe(Effect.provide(WorkerPool.inProcess));
      const one = yield* samplePotential(job(), 1).pipe(Effect.provide(WorkerPool.threads));
      const two = yield* samplePotential(job(), 2).pipe(Effect.provide(WorkerPool.threads));
      expect(draws(one.chains)).toEqual(draws(inProcess.chains));
      expect(draws(two.chains)).toEqual(draws(inProcess.chains));
      // the posterior is the Gaussian N(μ, Σ): 900 draws, means within ~5 Monte Carlo errors
      const r = potentialResult(inProcess.chains, [{ name: "q", shape: [2] }]);
      const q = r.samples.q.draws;
      let m0 = 0;
      let m1 = 0;
      for (let i = 0; i < q.length; i += 2) {
        m0 += q[i] / (q.length / 2);
        m1 += q[i + 1] / (q.length / 2);
      }
      expect(Math.abs(m0 - 1)).toBeLessThan(0.25);
      expect(Math.abs(m1 + 2)).toBeLessThan(0.25);
      expect(r.samples.q.dims).toEqual(["chain", "draw", "q_dim_0"]);
    }),
  );

  it.effect("a crashed worker is retried (workerCrashRetry) and the draws are unchanged", () =>
    Effect.gen(function* () {
      const clean = yield* samplePotential(job(), 2).pipe(Effect.provide(WorkerPool.inProcess));
      const events: ProgressEvent[] = [];
      const crashed = yield* samplePotential(job(), 2).pipe(
        Effect.provide(WorkerPool.threadsWithFault({ chain: 1, afterIteration: 200 })),
        Effect.provide(Progress.collect(events)),
      );
      expect(draws(crashed.chains)).toEqual(draws(clean.chains));
      // chain 2 reported warmup iteration 100, crashed at 200 and ran again from its start
      const at100 = events.filter(
        (e) => e.task === "gaussian chain 2/3" && e.detail === "warmup" && e.done === 100,
      );
      expect(at100).toHaveLength(2);
    }),
  );

  it.effect("a module that starts a parallel run at its top level fails clearly", () =>
    Effect.gen(function* () {
      const bomb = new URL("./fixtures/fork-bomb-potential.mjs", import.meta.url).href;
      const error = yield* samplePotential(
        { ...job(10), ref: { module: bomb, export: "gaussian" } },
        2,
      ).pipe(Effect.provide(WorkerPool.threads), Effect.flip);
      expect(error._tag).toBe("RunError");
      expect(error.reason).toContain("a parallel run was started inside a worker thread");
    }),
  );

  it.live("interrupting a threads run terminates its workers within 2 s", () =>
    Effect.gen(function* () {
      const fiber = yield* samplePotential(job(200_000), 2).pipe(
        Effect.provide(WorkerPool.threads),
        Effect.forkChild,
      );
      yield* Effect.sleep("300 millis");
      const t0 = performance.now();
      yield* Fiber.interrupt(fiber);
      expect(performance.now() - t0).toBeLessThan(2000);
    }),
  );
});

describe("sampleModel with mcmc: { wasm: true }", () => {
  it.live("threads (2 workers) and in-process runs give identical draws", () =>
    Effect.gen(function* () {
      const { cauchy } = yield* Effect.promise(
        () =>
          import(new URL("./fixtures/cauchy-model.mjs", import.meta.url).href) as Promise<{
            cauchy: Model<{ y: number[] }>;
          }>,
      );
      const data = {
        y: Array.from(
          { length: 40 },
          (_, i) => 1 + Math.tan(Math.PI * ((i + 0.5) / 40 - 0.5)) * 0.5,
        ),
      };
      const settings = { chains: 2, warmup: 100, draws: 60, seed: 4, mcmc: { wasm: true } };
      // JavaScript workers, before anything loads the backend in this thread
      const js = yield* sampleModel(cauchy, data, { ...settings, workers: 2, mcmc: {} }).pipe(
        Effect.provide(WorkerPool.threads),
      );
      const inProcess = yield* sampleModel(cauchy, data, settings).pipe(
        Effect.provide(WorkerPool.inProcess),
      );
      const threads = yield* sampleModel(cauchy, data, { ...settings, workers: 2 }).pipe(
        Effect.provide(WorkerPool.threads),
      );
      expect(Array.from(threads.samples.a.draws)).toEqual(Array.from(inProcess.samples.a.draws));
      expect(Array.from(threads.samples.s.draws)).toEqual(Array.from(inProcess.samples.s.draws));
      // the threads really compiled wasm: the JavaScript run sampled other bits
      expect(Array.from(js.samples.a.draws)).not.toEqual(Array.from(inProcess.samples.a.draws));
    }),
  );
});

describe("fork-bomb guard of mcmc", () => {
  it.live(
    "a model module running mcmc(parallel) at its top level fails clearly, workers gone",
    () =>
      Effect.gen(function* () {
        const error = yield* Effect.tryPromise(
          () => import(new URL("./fixtures/fork-bomb-model.mjs", import.meta.url).href),
        ).pipe(Effect.flip);
        expect(String((error as { cause?: unknown }).cause ?? error)).toContain(
          "a parallel run was started inside a worker thread",
        );
        expect(liveWorkerCount()).toBe(0);
      }),
  );
});
