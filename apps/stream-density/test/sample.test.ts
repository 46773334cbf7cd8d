import { describe, expect, it } from "vitest";
import { compileModel } from "../src/compiled.js";
import { loadGaussian1d } from "../src/data.js";
import { buildModel } from "../src/models/spec.js";
import { splineInit } from "../src/models/spline1d.js";
import { sampleChains } from "../src/sample.js";

const z = loadGaussian1d(undefined, 500);
const spec = { kind: "spline", z } as const;
const compiled = compileModel(buildModel(spec));
const start = splineInit(z);
const settings = {
  numChains: 3,
  numWarmup: 10,
  numSamples: 5,
  maxTreeDepth: 3,
  targetAccept: 0.8,
  seed: 9,
};

describe("sampleChains", () => {
  it("returns the chains in chain order with identical draws for 0 and 2 workers (3 chains)", async () => {
    const a = await sampleChains(spec, compiled, start, { ...settings, workers: 0 });
    const b = await sampleChains(spec, compiled, start, { ...settings, workers: 2 });
    expect(b.chains).toHaveLength(3);
    a.chains.forEach((c, i) => {
      expect(Array.from(b.chains[i].draws)).toEqual(Array.from(c.draws));
    });
    expect(Array.from(a.chains[0].draws)).not.toEqual(Array.from(a.chains[1].draws));
  }, 60_000);

  it("a failing worker rejects with the sampler's error", async () => {
    await expect(
      sampleChains(spec, compiled, start, { ...settings, numWarmup: -1, workers: 2 }),
    ).rejects.toThrow(/numWarmup/);
  }, 60_000);
});
