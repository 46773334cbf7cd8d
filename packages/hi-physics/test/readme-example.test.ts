// The README example, kept runnable (same code, with the printed values asserted).
import { expect, it } from "vitest";
import {
  calcSpinTemp,
  EmissionAbsorptionModel,
  SEED_FIT_PRIORS,
  simulateSeed,
} from "../src/index.js";

it("README example", () => {
  expect(calcSpinTemp(1000, 1000, 1e-6)).toBe(999.8726624383703);
  const sim = simulateSeed({ noise: true, seed: 1234 });
  const model = new EmissionAbsorptionModel(
    { emission: sim.emission, absorption: sim.absorption },
    { nClouds: 3, baselineDegree: 0, bgTemp: 3.77, seed: 1234 },
  )
    .addPriors(SEED_FIT_PRIORS)
    .addLikelihood();
  expect(model.cloudFreeRVs[0]).toBe("fwhm2_norm");
  expect(model.cloudFreeRVs.at(-1)).toBe("filling_factor");
  expect(model.nParams).toBe(23);
  expect(model.strRepr().split("\n")).toHaveLength(22);
  model.fit({ n: 100, draws: 20, learningRate: 0.001, start: { velocity_norm: [0.1, 0.5, 0.9] } });
  expect(Number.isFinite(model.bic())).toBe(true);
}, 60_000);
