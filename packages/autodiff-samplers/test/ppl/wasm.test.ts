/**
 * `wasm: true` of `mcmc`/`mcmcEffect`: the WebAssembly SIMD backend of @sidereal/tensor is
 * loaded in the main thread and in every worker, so draws are identical across worker counts
 * and between sequential and parallel runs; the synchronous `mcmc` refuses it until loaded.
 * The tests in this file run in order: the first needs the backend not yet loaded.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { key } from "@sidereal/distributions";
import { compile, isWasmBackendLoaded } from "@sidereal/tensor";
import { Effect } from "effect";
import { describe, expect, test } from "vitest";
import type { McmcResult, Model } from "../../src/ppl/index.js";

// Workers need JavaScript: the sampler and the model fixture come from the built package.
const distEntry = fileURLToPath(new URL("../../dist/ppl/index.js", import.meta.url));
const fixture = new URL("./fixtures/wasmModel.mjs", import.meta.url);

// 40 points from y = 0.5 + 0.8 x + 0.3 exp(0.6 x) ε, ε from a fixed LCG (no PRNG dependency)
const x = Array.from({ length: 40 }, (_, i) => -2 + (4 * i) / 39);
let state = 12345;
const normalish = () => {
  let u = 0;
  for (let k = 0; k < 12; k++) {
    state = (1103515245 * state + 12345) % 2147483648;
    u += state / 2147483648;
  }
  return u - 6;
};
const y = x.map((xi) => 0.5 + 0.8 * xi + 0.3 * Math.exp(0.6 * xi) * normalish());
const data = { x, y };
const opts = { numWarmup: 150, numSamples: 100, numChains: 2, seed: 5 } as const;

type Dist = typeof import("../../src/ppl/index.js");
async function load(): Promise<{ dist: Dist; hetero: Model<typeof data> }> {
  if (!existsSync(distEntry))
    throw new Error(
      `wasm.test.ts needs the built package: run "npm run build -w @sidereal/autodiff-samplers"`,
    );
  const dist = (await import(distEntry)) as Dist;
  const { hetero } = (await import(fixture.href)) as { hetero: Model<typeof data> };
  return { dist, hetero };
}

function expectSameDraws(a: McmcResult, b: McmcResult): void {
  expect(Object.keys(a.samples)).toEqual(Object.keys(b.samples));
  for (const name of Object.keys(a.samples))
    expect(a.samples[name].draws).toEqual(b.samples[name].draws);
  expect(a.sampleStats.lp.draws).toEqual(b.sampleStats.lp.draws);
}

describe("mcmc option wasm", () => {
  // a JavaScript run, made before anything loads the backend in this thread
  let jsRun: McmcResult | undefined;

  test("the synchronous mcmc refuses wasm: true before loadWasmBackend()", async () => {
    const { dist, hetero } = await load();
    expect(isWasmBackendLoaded()).toBe(false);
    jsRun = await dist.mcmc(hetero, data, { ...opts, chainMethod: "parallel", numWorkers: 2 });
    expect(isWasmBackendLoaded()).toBe(false);
    let thrown: unknown;
    try {
      dist.mcmc(hetero, data, { ...opts, wasm: true });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toMatchObject({ _tag: "ModelError", problem: "unsupported" });
    expect(String((thrown as Error).message)).toContain("await loadWasmBackend()");
    expect(isWasmBackendLoaded()).toBe(false);
  });

  test("parallel: 1 and 2 workers give the same draws; equal to sequential mcmcEffect", async () => {
    const { dist, hetero } = await load();
    const par1 = await dist.mcmc(hetero, data, {
      ...opts,
      wasm: true,
      chainMethod: "parallel",
      numWorkers: 1,
    });
    expect(isWasmBackendLoaded()).toBe(true); // loaded by the run in the main thread
    const par2 = await dist.mcmc(hetero, data, {
      ...opts,
      wasm: true,
      chainMethod: "parallel",
      numWorkers: 2,
    });
    expectSameDraws(par1, par2);
    const seq = await Effect.runPromise(dist.mcmcEffect(hetero, data, { ...opts, wasm: true }));
    expectSameDraws(seq, par1);
    // now loaded, the synchronous mcmc accepts it and agrees too
    expectSameDraws(dist.mcmc(hetero, data, { ...opts, wasm: true }), par1);
    // the workers really compiled wasm: the JS run gives other draws, since the wasm and JS
    // potentials differ in the last bits (NUTS amplifies that)
    const js = jsRun as McmcResult;
    expect(js.samples.a.draws).not.toEqual(par1.samples.a.draws);
    // once loaded here, a wasm: false parallel run uses wasm in its workers too (they mirror
    // this thread), so it still equals the sequential run of this thread
    const parOff = await dist.mcmc(hetero, data, {
      ...opts,
      chainMethod: "parallel",
      numWorkers: 2,
    });
    expectSameDraws(parOff, par1);
    // … while the posterior is the same to Monte Carlo error (2 × 100 draws, sd of a mean
    // ≲ sd/√(ESS ~ 100)): means within 0.5 posterior sd
    for (const name of ["a", "b", "g", "s"]) {
      const m1 = mean(par1.samples[name].draws);
      const m2 = mean(js.samples[name].draws);
      const sd = Math.sqrt(mean(par1.samples[name].draws.map((v) => (v - m1) ** 2)));
      expect(Math.abs(m1 - m2)).toBeLessThan(0.5 * sd);
    }
  }, 60_000);

  test("the wasm potential and gradient agree with the JS path to 1e-12", async () => {
    const { dist, hetero } = await load();
    const init = dist.initializeModel(hetero, data, { key: key(3) });
    expect(init.compiled.backend).toBe("wasm");
    expect(init.compiled.stats.wasmLoops).toBeGreaterThan(0);
    const q0 = init.initialPosition;
    const u = init.unflatten(q0);
    const js = compile(
      init.potentialFn,
      init.latent.map((s) => u[s.name]),
      { backend: "js" },
    );
    expect(js.backend).toBe("js");
    const n = init.flatSize;
    for (const shift of [0, 0.3, -0.7, 1.5]) {
      const q = Float64Array.from(q0, (v, i) => v + shift * Math.cos(i + shift));
      const gw = new Float64Array(n);
      const gj = new Float64Array(n);
      const uw = init.potential(q, gw);
      const uj = js.flat(q, gj);
      expect(Math.abs(uw - uj)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(uj)));
      for (let i = 0; i < n; i++)
        expect(Math.abs(gw[i] - gj[i])).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(gj[i])));
    }
  });
});

function mean(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s / v.length;
}
