import { RunError, WorkerPool } from "@sidereal/runtime";
import { Effect } from "effect";
import { describe, expect, it } from "vitest";
import { compileModel } from "../src/compiled.js";
import { loadGaussian1d } from "../src/data.js";
import { buildModel } from "../src/models/spec.js";
import { splineInit } from "../src/models/spline1d.js";
import { sampleModelSpec } from "../src/nuts.js";

const z = loadGaussian1d(undefined, 500);
const spec = { kind: "spline", z } as const;
const compiled = compileModel(buildModel(spec));
const start = splineInit(z);
const settings = { chains: 3, warmup: 10, draws: 5, maxTreeDepth: 3, targetAccept: 0.8, seed: 9 };
const run = (workers: number) =>
  Effect.runPromise(
    sampleModelSpec(spec, compiled, start, settings, workers, "spline").pipe(
      Effect.provide(WorkerPool.threads),
    ),
  );

describe("sampleModelSpec (the runtime's WorkerPool)", () => {
  it("gives identical draws with 0 and 2 workers (3 chains), as ln_n0 with dims chain, draw, ln_n0_knot", async () => {
    const a = await run(0);
    const b = await run(2);
    expect(b.result.samples.ln_n0.shape).toEqual([3, 5, 11]);
    expect(b.result.samples.ln_n0.dims).toEqual(["chain", "draw", "ln_n0_knot"]);
    expect(Array.from(b.result.samples.ln_n0.draws)).toEqual(
      Array.from(a.result.samples.ln_n0.draws),
    );
    const d = a.result.samples.ln_n0.draws;
    expect(Array.from(d.subarray(0, 55))).not.toEqual(Array.from(d.subarray(55, 110)));
  }, 60_000);

  it("a failing chain is a RunError naming the chain, with the sampler's message", async () => {
    const error = await Effect.runPromise(
      Effect.flip(
        sampleModelSpec(spec, compiled, start, { ...settings, warmup: -1 }, 2, "spline"),
      ).pipe(Effect.provide(WorkerPool.threads)),
    );
    expect(error).toBeInstanceOf(RunError);
    expect(error.stage).toMatch(/^spline chain \d\/3$/);
    expect(error.reason).toMatch(/numWarmup/);
  }, 60_000);
});
