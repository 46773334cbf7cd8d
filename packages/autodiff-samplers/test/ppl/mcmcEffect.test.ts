import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Normal } from "@sidereal/distributions";
import { Cause, Effect, Exit, Fiber } from "effect";
import { afterAll, describe, expect, test } from "vitest";
import type { SampleProgress } from "../../src/mcmc/index.js";
import {
  defineModel,
  liveWorkerCount,
  type Model,
  mcmcEffect,
  SamplerError,
} from "../../src/ppl/index.js";

// Parallel runs need the built worker entry (dist/ppl/mcmcWorker.js), as in parallel.test.ts;
// the pool itself (and its live-worker counter) runs from the sources. Worker start-up takes
// ~0.3 s per worker on an idle machine, several seconds on a loaded one: 30 s time-outs.
const distEntry = fileURLToPath(new URL("../../dist/ppl/index.js", import.meta.url));
const fixture = new URL("./fixtures/crashModel.mjs", import.meta.url);
const dir = mkdtempSync(join(tmpdir(), "sidereal-mcmc-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface CrashData {
  readonly y: readonly number[];
  readonly crashFile: string;
}
const y = [0.3, -0.4, 1.2, 0.8, 0.1];
const crashRef = { module: fixture.href, export: "crashOnce" };
const opts = { numWarmup: 150, numSamples: 100, numChains: 2, seed: 5 } as const;

function requireBuild(): void {
  if (!existsSync(distEntry))
    throw new Error(
      `mcmcEffect.test.ts needs the built package: run "npm run build -w @sidereal/autodiff-samplers"`,
    );
}

describe("mcmcEffect", () => {
  test("a worker that crashed before its first checkpoint restarts the chain from its key: same draws", async () => {
    requireBuild();
    const { crashOnce } = (await import(fixture.href)) as { crashOnce: Model<CrashData> };
    const dist = (await import(distEntry)) as typeof import("../../src/ppl/index.js");
    // sequential baseline (built code, like the workers); its crash file exists already
    const done = join(dir, "done");
    writeFileSync(done, "done\n");
    const seq = dist.mcmc(crashOnce, { y, crashFile: done }, opts);
    const crashFile = join(dir, "crash-retry");
    const progress: { chain: number; p: SampleProgress }[] = [];
    const res = await Effect.runPromise(
      mcmcEffect(crashRef, { y, crashFile } satisfies CrashData, {
        ...opts,
        chainMethod: "parallel",
        numWorkers: 2,
        onProgress: (chain, p) => progress.push({ chain, p }),
      }),
    );
    expect(existsSync(crashFile)).toBe(true); // one worker did crash
    expect(res.samples.mu.draws).toEqual(seq.samples.mu.draws);
    expect(res.sampleStats.step_size.draws).toEqual(seq.sampleStats.step_size.draws);
    // progress came back from the workers, ending with the last sampling iteration
    for (const c of [0, 1]) {
      const last = progress.filter((e) => e.chain === c).at(-1);
      expect(last?.p).toMatchObject({ phase: "sampling", iteration: 100, total: 100 });
    }
    expect(liveWorkerCount()).toBe(0);
  }, 30_000);

  for (const [phase, at] of [
    ["warmup", 120],
    ["sampling", 200],
  ] as const) {
    test(`a worker that dies mid-chain (${phase}) is resumed from its last checkpoint: same draws`, async () => {
      requireBuild();
      const { crashOnce } = (await import(fixture.href)) as { crashOnce: Model<CrashData> };
      const dist = (await import(distEntry)) as typeof import("../../src/ppl/index.js");
      const done = join(dir, "done");
      writeFileSync(done, "done\n");
      const seq = dist.mcmc(crashOnce, { y, crashFile: done }, opts);
      // the worker of chain 1 exits after iteration `at` (first attempt only); checkpoints
      // after every iteration
      {
        const res = await Effect.runPromise(
          mcmcEffect(crashRef, { y, crashFile: done } satisfies CrashData, {
            ...opts,
            chainMethod: "parallel",
            numWorkers: 2,
            checkpointMs: 0,
            faultInjection: { chain: 1, afterIteration: at },
          }),
        );
        expect(res.resumedFrom[0]).toBeNull();
        // resumed from a checkpoint the dead worker sent before iteration `at`, not from 0
        expect(res.resumedFrom[1]).toBeGreaterThan(at - 50);
        expect(res.resumedFrom[1]).toBeLessThan(at);
        expect(res.samples.mu.draws).toEqual(seq.samples.mu.draws);
        for (const name of ["lp", "step_size", "tree_depth", "energy"] as const)
          expect(res.sampleStats[name].draws).toEqual(seq.sampleStats[name].draws);
        expect(res.adapted).toEqual(seq.adapted);
        expect(liveWorkerCount()).toBe(0);
      }
    }, 30_000);
  }

  test("with maxChainRetries: 0 the crash is a typed SamplerError and all workers stop", async () => {
    requireBuild();
    const crashFile = join(dir, "crash-no-retry");
    const exit = await Effect.runPromiseExit(
      mcmcEffect(crashRef, { y, crashFile } satisfies CrashData, {
        ...opts,
        chainMethod: "parallel",
        numWorkers: 2,
        maxChainRetries: 0,
      }),
    );
    expect(Exit.isFailure(exit)).toBe(true);
    const err = Exit.isFailure(exit) ? Cause.squash(exit.cause) : undefined;
    expect(err).toBeInstanceOf(SamplerError);
    expect(err).toMatchObject({
      _tag: "SamplerError",
      problem: "worker-crash",
      phase: "init",
      attempts: 1,
    });
    expect(String((err as SamplerError).cause)).toContain("exited with code 3");
    expect(liveWorkerCount()).toBe(0);
  }, 30_000);

  test("interrupting the effect terminates the workers", async () => {
    requireBuild();
    let started!: () => void;
    const firstProgress = new Promise<void>((r) => {
      started = r;
    });
    const fiber = Effect.runFork(
      mcmcEffect({ module: fixture.href, export: "slow" }, undefined, {
        numWarmup: 1_000_000,
        numSamples: 10,
        numChains: 2,
        numWorkers: 2,
        chainMethod: "parallel",
        onProgress: () => started(),
      }),
    );
    await firstProgress;
    expect(liveWorkerCount()).toBe(2);
    await Effect.runPromise(Fiber.interrupt(fiber));
    expect(liveWorkerCount()).toBe(0);
    const [exit] = await Effect.runPromise(Fiber.awaitAll([fiber]));
    expect(Exit.isFailure(exit) && Cause.hasInterruptsOnly(exit.cause)).toBe(true);
  }, 30_000);

  test("in-thread failures are typed: bad options (ModelError), a throwing model (SamplerError)", async () => {
    const ok = defineModel((m) => m.sample("mu", Normal(0, 1)));
    const bad = await Effect.runPromise(Effect.flip(mcmcEffect(ok, undefined, { numChains: 0 })));
    expect(bad).toMatchObject({ _tag: "ModelError", problem: "bad-argument" });
    const boom = defineModel(() => {
      throw new RangeError("boom");
    });
    const err = await Effect.runPromise(
      Effect.flip(mcmcEffect(boom, undefined, { numWarmup: 10 })),
    );
    expect(err).toBeInstanceOf(SamplerError);
    expect(err).toMatchObject({ problem: "chain-error", chain: 0, phase: "init", attempts: 1 });
    expect((err as SamplerError).cause).toBeInstanceOf(RangeError);
    // the sequential effect gives the same draws as the plain API
    const a = await Effect.runPromise(mcmcEffect(ok, undefined, { numWarmup: 50, numSamples: 20 }));
    expect(a.samples.mu.shape).toEqual([1, 20]);
  }, 30_000);
});
