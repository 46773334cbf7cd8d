// The README example, kept runnable (same code, imports from the source).
import { compile, mean, scalar, type Tensor } from "@sidereal/tensor";
import { expect, it } from "vitest";
import { gravityJupiter, seedEmissionModel } from "../src/index.js";

it("README example", () => {
  const model = seedEmissionModel({ nlayer: 20 });
  expect(model.setup.opa.Twt).toBe(1108.7151960064205);
  const flux = model.forward({
    T0: 1200,
    alpha: 0.1,
    mmr: 0.01,
    g: gravityJupiter(1, 10),
    RV: 40,
    vsini: 10,
  });
  expect(flux.shape).toEqual([650]);
  const meanFlux = (...p: Tensor[]) => {
    const [T0, alpha, mmr, g, RV, vsini] = p;
    return mean(model.forward({ T0, alpha, mmr, g, RV, vsini }));
  };
  const x = [1200, 0.1, 0.01, 24785.77, 40, 10];
  const compiled = compile(
    meanFlux,
    x.map((v) => scalar(v)),
  );
  const grad = new Float64Array(6);
  const value = compiled.flat(new Float64Array(x), grad);
  expect(value).toBeGreaterThan(0);
  expect(grad[0]).toBeGreaterThan(0); // hotter → brighter
}, 120_000);
