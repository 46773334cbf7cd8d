import { compile, mul, scalar, sum, type Tensor, tensor, valueAndGrad } from "@sidereal/tensor";
import { beforeAll, describe, expect, it } from "vitest";
import { type EmissionModel, gravityJupiter, seedEmissionModel } from "../src/index.js";

// A smaller atmosphere (10 layers) keeps the suite fast; the operators and grid are the seed's.
describe("seed forward model: gradients and compile", () => {
  let model: EmissionModel;
  let weights: Tensor;
  const names = ["T0", "alpha", "mmr", "g", "RV", "vsini"] as const;
  const x0 = [1200, 0.1, 0.01, gravityJupiter(1, 10), 40, 10];
  // steps: ~1e-5 relative for smooth parameters (central differences, error O(h²))
  const steps = [0.05, 1e-5, 1e-7, 0.5, 1e-3, 1e-3];
  const loss =
    (m: EmissionModel) =>
    (...p: Tensor[]): Tensor => {
      const [T0, alpha, mmr, g, RV, vsini] = p;
      return sum(mul(m.forward({ T0, alpha, mmr, g, RV, vsini }), weights));
    };
  beforeAll(() => {
    model = seedEmissionModel({ nlayer: 10, cacheDir: false });
    const n = model.setup.nuObs.length;
    weights = tensor(Array.from({ length: n }, (_, i) => Math.sin(0.37 * i) / n));
  });

  it("produces a finite flux on the 650-point observed grid", () => {
    const mu = model
      .forward({ T0: 1200, alpha: 0.1, mmr: 0.01, g: gravityJupiter(1, 10), RV: 40, vsini: 10 })
      .toArray();
    expect(mu.length).toBe(650);
    expect(mu.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
  });

  it("reverse-mode gradients match central finite differences for T0, alpha, mmr, g, RV, vsini", () => {
    const f = loss(model);
    const [, grads] = valueAndGrad(f)(...x0.map((v) => scalar(v)));
    for (let k = 0; k < 6; k++) {
      const up = [...x0];
      const dn = [...x0];
      up[k] += steps[k];
      dn[k] -= steps[k];
      const fd =
        (f(...up.map((v) => scalar(v))).item() - f(...dn.map((v) => scalar(v))).item()) /
        (2 * steps[k]);
      // 1e-5: central-difference truncation and the piecewise-linear partition function
      expect(Math.abs(grads[k].item() / fd - 1), names[k]).toBeLessThan(1e-5);
    }
  }, 120_000);

  it("compiles: compiled value and gradient equal the eager ones", () => {
    const f = loss(model);
    const args = x0.map((v) => scalar(v));
    const c = compile(f, args);
    const [v, grads] = valueAndGrad(f)(...args);
    const g = new Float64Array(6);
    const cv = c.flat(new Float64Array(x0), g);
    expect(cv / v.item()).toBeCloseTo(1, 12);
    for (let k = 0; k < 6; k++) expect(g[k] / grads[k].item(), names[k]).toBeCloseTo(1, 10);
    // a second call with other parameters agrees with eager evaluation
    const x1 = [1100, 0.12, 0.012, gravityJupiter(1, 1), 20, 5];
    expect(c.flatValue(new Float64Array(x1)) / f(...x1.map((x) => scalar(x))).item()).toBeCloseTo(
      1,
      12,
    );
  }, 120_000);
});
