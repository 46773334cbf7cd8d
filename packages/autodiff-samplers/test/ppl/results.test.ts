import { HalfNormal, Normal } from "@sidereal/distributions";
import { abs, div } from "@sidereal/tensor";
import { describe, expect, test, vi } from "vitest";
import { defineModel, mcmc } from "../../src/ppl/index.js";

const model = defineModel((m, d: { y: readonly number[] }) => {
  const mu = m.sample("mu", Normal(0, 5));
  const sigma = m.sample("sigma", HalfNormal(2));
  m.deterministic("cv", div(sigma, abs(mu)));
  m.plate("obs", d.y.length, () => m.sample("y", Normal(mu, sigma), { obs: d.y }));
});
const data = { y: [1.2, 0.7, 1.9, 1.4, 0.3] };

describe("mcmc results", () => {
  const res = mcmc(model, data, { numWarmup: 200, numSamples: 150, numChains: 2, seed: 4 });

  test("samples, dims and sample stats with ArviZ names", () => {
    expect(Object.keys(res.samples)).toEqual(["mu", "sigma", "cv"]);
    expect(res.samples.mu.shape).toEqual([2, 150]);
    expect(res.samples.mu.dims).toEqual(["chain", "draw"]);
    expect(Object.keys(res.sampleStats).sort()).toEqual(
      ["acceptance_rate", "diverging", "energy", "lp", "n_steps", "step_size", "tree_depth"].sort(),
    );
    expect(res.sampleStats.lp.shape).toEqual([2, 150]);
    expect(res.sampleStats.diverging.draws).toBeInstanceOf(Uint8Array);
    expect(res.sampleStats.tree_depth.draws).toBeInstanceOf(Int32Array);
    expect(res.adapted).toHaveLength(2);
    for (const s of res.samples.sigma.draws) expect(s).toBeGreaterThan(0);
    // same seed → same draws
    const again = mcmc(model, data, { numWarmup: 200, numSamples: 150, numChains: 2, seed: 4 });
    expect(again.samples.mu.draws).toEqual(res.samples.mu.draws);
  });

  test("summary of chosen sites (varNames), the same rows as the full summary", () => {
    const full = res.summary();
    const some = res.summary({ varNames: ["cv", "mu"] });
    expect(Object.keys(some)).toEqual(["cv", "mu"]);
    expect(some.mu).toEqual(full.mu);
    expect(some.cv).toEqual(full.cv);
    expect(() => res.summary({ varNames: ["nope"] })).toThrow(/no site "nope"/);
  });

  test("getSamples flattens or groups chains", () => {
    const flat = res.getSamples();
    expect(flat.mu.shape).toEqual([300]);
    const grouped = res.getSamples({ groupByChain: true });
    expect(grouped.mu.shape).toEqual([2, 150]);
    expect(grouped.mu.toArray()).toEqual(flat.mu.toArray());
  });

  test("summary and printSummary", () => {
    const table = res.summary();
    expect(Object.keys(table)).toEqual(["mu", "sigma", "cv"]);
    expect(Object.keys(table.mu)).toContain("r_hat");
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    res.printSummary();
    expect(log).toHaveBeenCalledTimes(1);
    expect(String(log.mock.calls[0][0])).toMatch(/mu[\s\S]*Number of divergences: \d+/);
    log.mockRestore();
  });

  test("toInferenceDataInput has InferenceData's shape", () => {
    const idata = res.toInferenceDataInput();
    expect(idata.posterior.variables.mu).toEqual({
      dims: ["chain", "draw"],
      shape: [2, 150],
      data: res.samples.mu.draws,
    });
    expect(idata.sample_stats.variables.diverging.shape).toEqual([2, 150]);
    expect(idata.observed_data.variables.y).toEqual({
      dims: ["obs"],
      shape: [5],
      data: Float64Array.from(data.y),
    });
  });
});
