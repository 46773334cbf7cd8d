import { key } from "@sidereal/distributions";
import { Effect } from "effect";
import { describe, expect, it } from "vitest";
import {
  decodeForwardModelParams,
  priorDistribution,
  resolveParameter,
  SEED_GALAXY_MODEL,
  samplePriors,
} from "../src/index.js";

const N = 4000;
const median = (x: ArrayLike<number>) => Float64Array.from(x).sort()[Math.floor(x.length / 2)];

describe("priors as distributions", () => {
  it("the seed's galaxy model: draws in each range; LogUniform mass has median √(1e6·1e10)", () => {
    const params = Effect.runSync(decodeForwardModelParams(SEED_GALAXY_MODEL)).freeParams;
    const x = samplePriors(params, key(0), N);
    params.forEach((p, j) => {
      for (let i = 0; i < N; i++) {
        expect(x[i * 6 + j]).toBeGreaterThanOrEqual(p.rangeMin);
        expect(x[i * 6 + j]).toBeLessThanOrEqual(p.rangeMax);
      }
    });
    const mass = Array.from({ length: N }, (_, i) => Math.log10(x[i * 6 + 1]));
    // Uniform in log10 on [6, 10]: median 8, sd of the sample median ≈ 1.25·(4/√12)/√N ≈ 0.023.
    expect(Math.abs(median(mass) - 8)).toBeLessThan(0.1);
  });
  it("ClippedNormal stays inside [mini, maxi]; LogNormal peaks at e^mode (ln θ ~ N(mode + σ², σ))", () => {
    const clipped = resolveParameter({
      name: "dust2",
      rangeMin: 0,
      init: 0.3,
      rangeMax: 1,
      prior: { kind: "ClippedNormal", mean: 0.3, sigma: 1 },
    });
    const c = priorDistribution(clipped).sample(key(1), [N]).data;
    expect(Math.min(...c)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...c)).toBeLessThanOrEqual(1);
    const logn = resolveParameter({
      name: "tau",
      rangeMin: 0.1,
      init: 1,
      rangeMax: 100,
      prior: { kind: "LogNormal", mode: 0, sigma: 0.5 },
    });
    const l = Array.from(priorDistribution(logn).sample(key(2), [N]).data, Math.log);
    // median of ln θ = mode + σ² = 0.25; sd of the sample median ≈ 1.25·0.5/√N ≈ 0.01.
    expect(Math.abs(median(l) - 0.25)).toBeLessThan(0.05);
  });
  it("Beta is stretched onto the range", () => {
    const b = resolveParameter({
      name: "x",
      rangeMin: 2,
      init: 3,
      rangeMax: 4,
      prior: { kind: "Beta", alpha: 2, beta: 2 },
    });
    const x = priorDistribution(b).sample(key(3), [N]).data;
    expect(Math.min(...x)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...x)).toBeLessThanOrEqual(4);
    expect(Math.abs(median(x) - 3)).toBeLessThan(0.05);
  });
});
