/**
 * fit (ADVI), sample (NUTS with advi+adapt_diag), solve, predictive sampling and the BIC on a
 * one-cloud toy (100 channels, noise-free data), kept short for the unit suite; the seed-size
 * end-to-end check is `npm run validate`.
 */
import { describe, expect, it } from "vitest";
import { HiModelError } from "../src/index.js";
import { toyModel } from "./helpers/toy.js";

const mean = (x: Float64Array) => x.reduce((a, b) => a + b, 0) / x.length;

describe("fit (ADVI) and the BIC", () => {
  const model = toyModel();
  const result = model.fit({ n: 1500, draws: 200, learningRate: 0.01 });
  it("returns one chain of draws with deterministics and the pointwise log-likelihood", () => {
    const t = model.trace;
    expect(t?.method).toBe("advi");
    expect(t?.posterior.velocity.shape).toEqual([1, 200, 1]);
    expect(t?.posterior.velocity.dims).toEqual(["chain", "draw", "cloud"]);
    expect(t?.posterior.baseline_emission_norm.dims).toEqual(["chain", "draw", "baseline_coeff"]);
    expect(t?.logLikelihood.emission.shape).toEqual([1, 200, 60]);
    expect(t?.logLikelihood.absorption.dims).toEqual(["chain", "draw", "absorption_dim_0"]);
    expect(result.iterations).toBe(1500);
  });
  it("recovers the cloud velocity (truth 2 km/s) within 0.3 km/s after 1500 iterations", () => {
    expect(Math.abs(mean(model.trace?.posterior.velocity.values as Float64Array) - 2)).toBeLessThan(
      0.3,
    );
  });
  it("meanLnlike is the mean over draws of the summed pointwise log-likelihood; BIC = k ln n − 2·that", () => {
    const t = model.trace;
    if (!t) throw new Error("no trace");
    let total = 0;
    for (const v of Object.values(t.logLikelihood)) for (const x of v.values) total += x;
    expect(model.meanLnlike()).toBeCloseTo(total / 200, 8);
    expect(model.bic()).toBeCloseTo(model.nParams * Math.log(100) - 2 * model.meanLnlike(), 8);
    expect(model.nParams).toBe(9);
  });
  it("posterior predictive: spectra per chain and kept draw (draw[::thin])", () => {
    const pp = model.samplePosteriorPredictive({ thin: 10 });
    expect(pp.emission.shape).toEqual([1, 20, 60]);
    expect(pp.absorption.dims).toEqual(["chain", "draw", "absorption_dim_0"]);
  });
});

describe("prior predictive", () => {
  it("draws free RVs, deterministics and spectra as one chain, reproducibly from the seed", () => {
    const a = toyModel().samplePriorPredictive(30);
    const b = toyModel().samplePriorPredictive(30);
    expect(Object.keys(a.priorPredictive).sort()).toEqual(["absorption", "emission"]);
    expect(a.prior.tspin.shape).toEqual([1, 30, 1]);
    expect(a.priorPredictive.emission.shape).toEqual([1, 30, 60]);
    expect(Array.from(a.prior.velocity.values)).toEqual(Array.from(b.prior.velocity.values));
    for (const v of a.prior.velocity.values) expect(Math.abs(v)).toBeLessThanOrEqual(10);
  });
});

describe("sample (NUTS, advi+adapt_diag) and solve", () => {
  it("two short chains find the cloud, solve() reports one unique solution", {
    timeout: 60_000,
  }, async () => {
    const model = toyModel(1, 7);
    const trace = await model.sample({
      chains: 2,
      tune: 60,
      draws: 40,
      nInit: 800,
      initKwargs: { learningRate: 0.01 },
    });
    expect(trace.method).toBe("nuts");
    expect(trace.posterior.velocity.shape).toEqual([2, 40, 1]);
    expect(trace.sampleStats.diverging?.shape ?? trace.sampleStats.lp.shape).toEqual([2, 40]);
    expect(Math.abs(mean(trace.posterior.velocity.values) - 2)).toBeLessThan(0.2);
    // With 40 draws per chain the Monte-Carlo KL between two GMM fits of the same posterior is
    // ≈ 0.25–0.5 from sampling noise alone (F(F+3)/2 = 5 parameters per 40 points, per chain),
    // so the tutorial's 0.1 (for 1000 draws) is scaled up here.
    const solved = model.solve({
      initParams: "random_from_data",
      numGmmSamples: 2000,
      klDivThreshold: 2,
    });
    expect(solved.messages).toContain("GMM converged to unique solution");
    expect(model.uniqueSolution).toBe(true);
    expect(Number.isFinite(model.bic())).toBe(true);
    expect(model.bic()).toBeCloseTo(model.bic({ solution: 0 }), 10);
  });
  it("label switching: 3 chains of a 2-cloud posterior, one stuck elsewhere → one solution, 2 of 3", () => {
    const model = toyModel(2);
    const nDraws = 300;
    let state = 12345;
    const normal = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      const u = (state + 0.5) / 2147483648;
      state = (state * 1103515245 + 12345) % 2147483648;
      const w = (state + 0.5) / 2147483648;
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
    };
    // chain 0: clouds at (−5, 5) km/s; chain 1: the same clouds swapped; chain 2: elsewhere.
    const centres = [
      [-5, 5],
      [5, -5],
      [0, 15],
    ];
    const velocity = new Float64Array(3 * nDraws * 2);
    const fwhm2 = new Float64Array(3 * nDraws * 2);
    centres.forEach((cs, c) => {
      for (let d = 0; d < nDraws; d++)
        for (let k = 0; k < 2; k++) {
          velocity[(c * nDraws + d) * 2 + k] = cs[k] + 0.05 * normal();
          fwhm2[(c * nDraws + d) * 2 + k] = (cs[k] < 0 ? 20 : 40) + 0.5 * normal();
        }
    });
    const v = (values: Float64Array) => ({
      values,
      dims: ["chain", "draw", "cloud"],
      shape: [3, nDraws, 2],
    });
    model.trace = {
      method: "nuts",
      posterior: { velocity: v(velocity), fwhm2: v(fwhm2) },
      logLikelihood: {},
      sampleStats: {},
      solutions: [],
    };
    const solved = model.solve({ initParams: "random_from_data", numGmmSamples: 2000 });
    expect(solved.messages).toEqual([
      "Label order mismatch in solution 0",
      "Chain 0 order: [0, 1]",
      "Chain 1 order: [1, 0]",
      "Adopting (first) most common order: [0, 1]",
      "GMM converged to unique solution",
      "2 of 3 chains appear converged.",
    ]);
    const sol = model.solutions[0];
    expect(sol.chains).toEqual([0, 1]);
    const relabelled = sol.samples.velocity.values;
    // cloud 0 is the same physical cloud in both member chains after relabelling
    expect(Math.sign(relabelled[0])).toBe(Math.sign(relabelled[nDraws * 2]));
  });
  it("bic() is +∞ and meanLnlike() a HiModelError for a multi-chain trace without solutions", () => {
    const model = toyModel();
    model.trace = {
      method: "nuts",
      posterior: {},
      logLikelihood: {
        emission: { values: new Float64Array(4 * 3 * 60), dims: [], shape: [4, 3, 60] },
      },
      sampleStats: {},
      solutions: [],
    };
    expect(() => model.meanLnlike()).toThrow(HiModelError);
    expect(model.bic()).toBe(Number.POSITIVE_INFINITY);
    expect(model.meanLnlike({ chain: [1, 2] })).toBe(0);
  });
});
