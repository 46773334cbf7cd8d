/**
 * Optimize's bookkeeping (bics, stop rule, best cloud count) on traces with known BICs and
 * nullBic against its closed form; a real search runs in `npm run validate` (too slow here).
 */
import { describe, expect, it } from "vitest";
import { bestNClouds, EmissionAbsorptionModel, type HiTrace, Optimize } from "../src/index.js";
import { TOY_PRIORS, toyData } from "./helpers/toy.js";

/** A one-chain trace whose meanLnlike is `lnl` (one draw, one channel). */
function adviTrace(lnl: number): HiTrace {
  return {
    method: "advi",
    posterior: {},
    logLikelihood: { emission: { values: Float64Array.from([lnl]), dims: [], shape: [1, 1, 1] } },
    sampleStats: {},
    solutions: [],
  };
}

describe("Optimize bookkeeping", () => {
  const opt = new Optimize(EmissionAbsorptionModel, toyData(), { maxNClouds: 3 })
    .addPriors(TOY_PRIORS)
    .addLikelihood();
  it("bics: null BIC at 0, +∞ without a trace, k ln n − 2 lnL for a one-chain fit", () => {
    const b = opt.bics;
    expect(b[0]).toBe(opt.nullBic());
    expect(b[1]).toBe(Number.POSITIVE_INFINITY);
    const m1 = opt.models.get(1) as EmissionAbsorptionModel;
    m1.trace = adviTrace(100);
    expect(opt.bics[1]).toBeCloseTo(m1.nParams * Math.log(100) - 200, 10);
  });
  it("checkStop: no trace → stop; improvement by more than the threshold → go on", () => {
    const [m1, m2] = [opt.models.get(1), opt.models.get(2)] as EmissionAbsorptionModel[];
    expect(opt.checkStop(3)).toBe(true);
    const k1 = m1.nParams * Math.log(100);
    const k2 = m2.nParams * Math.log(100);
    // BIC_1 = k1 − 2·lnL1 must beat the null BIC by > 10
    m1.trace = adviTrace((k1 - opt.nullBic() + 50) / 2);
    expect(opt.checkStop(1)).toBe(false);
    // BIC_2 = BIC_1 − 5: not better by the threshold → stop
    m2.trace = adviTrace((k2 - opt.bics[1] + 5) / 2);
    expect(opt.bics[2]).toBeCloseTo(opt.bics[1] - 5, 8);
    expect(opt.checkStop(2)).toBe(true);
  });
  it("the best n is the first within the threshold of the minimum", () => {
    expect(bestNClouds({ 0: 100, 1: 20, 2: 12, 3: 15 }, 10)).toBe(1);
    expect(bestNClouds({ 0: 100, 1: 50, 2: 12, 3: Number.POSITIVE_INFINITY }, 10)).toBe(2);
    expect(bestNClouds({ 0: 1, 1: 20 }, 10)).toBe(0);
  });
});

describe("nullBic", () => {
  it("degree 0: the residuals about the mean, k = n_datasets, n = all channels", () => {
    const data = toyData();
    const m = new EmissionAbsorptionModel(data, { nClouds: 1 }).addPriors(TOY_PRIORS);
    let lnL = 0;
    for (const d of [data.emission, data.absorption]) {
      const mu = d.brightness.reduce((a, b) => a + b, 0) / d.brightness.length;
      for (const y of d.brightness)
        lnL += -0.5 * Math.log(2 * Math.PI * d.noise ** 2) - (0.5 * (y - mu) ** 2) / d.noise ** 2;
    }
    expect(m.nullBic()).toBeCloseTo(2 * Math.log(100) - 2 * lnL, 6);
  });
});
