import { tensor, valueAndGrad } from "@sidereal/tensor";
import { describe, expect, it } from "vitest";
import { compileModel } from "../src/compiled.js";
import { loadGd1 } from "../src/data.js";
import { arange } from "../src/grids.js";
import { streamInit } from "../src/init/stream-init.js";
import { GRID_PHI1, GRID_PHI2, streamModel } from "../src/models/stream.js";
import {
  GD1_INIT,
  GD1_OBJECTIVE_AT_INIT,
  GD1_OBJECTIVE_AT_SEED_X,
  SEED_GD1_X,
} from "./fixtures/reference.js";

const cat = loadGd1();
const compiled = compileModel(streamModel(cat.phi1, cat.phi2));

describe("GD-1 stream model", () => {
  it("integration grids are numpy's aranges (1201 × 121 points, 19.99999999999318 last)", () => {
    expect(GRID_PHI1.length).toBe(1201);
    expect(GRID_PHI2.length).toBe(121);
    expect(GRID_PHI1[1200]).toBe(19.99999999999318);
    expect(arange(0, 1, 0.25).length).toBe(4);
  });

  it("the initial guess equals the numpy/scipy reference of the seed's recipe", () => {
    const x0 = streamInit(cat.phi1, cat.phi2);
    // summation-order differences amplified by extrapolating splines: 1e-12 absolute
    x0.forEach((v, i) => {
      expect(Math.abs(v - GD1_INIT[i])).toBeLessThan(1e-12);
    });
  });

  it("objective at the initial guess is the seed's -0.05543877 (numpy reference to 1e-12)", () => {
    const f = compiled.objective(Float64Array.from(GD1_INIT)).value;
    expect(Math.abs(f - GD1_OBJECTIVE_AT_INIT)).toBeLessThan(1e-12);
    expect(Math.abs(f - -0.05543877)).toBeLessThan(5e-9);
  });

  it("objective at the seed's printed optimum is its -0.4172804414762403", () => {
    const f = compiled.objective(Float64Array.from(SEED_GD1_X)).value;
    expect(Math.abs(f - GD1_OBJECTIVE_AT_SEED_X)).toBeLessThan(1e-12);
    // x printed to 8 decimals: agreement to 1e-12 with the seed's own value
    expect(Math.abs(f - -0.4172804414762403)).toBeLessThan(1e-12);
  });

  it("compiled value and gradient equal the eager tensor evaluation", () => {
    const x = Float64Array.from(SEED_GD1_X, (v, i) => v + 0.01 * Math.sin(i));
    const model = streamModel(cat.phi1, cat.phi2);
    const blocks = [x.slice(0, 31), x.slice(31, 48), x.slice(48, 65), x.slice(65, 72)].map((b) =>
      tensor(b),
    );
    const [v, grads] = valueAndGrad(model.lnPosterior)(...blocks);
    const grad = new Float64Array(72);
    const u = compiled.potential(Float64Array.from(x), grad);
    expect(Math.abs(-u - v.item())).toBeLessThan(1e-12 * Math.abs(v.item()));
    const eager = Float64Array.from(grads.flatMap((g) => Array.from(g.toArray())));
    for (let j = 0; j < 72; j++)
      expect(Math.abs(-grad[j] - eager[j])).toBeLessThan(1e-9 * Math.max(1, Math.abs(eager[j])));
  });

  it("gradient matches central differences of the objective", () => {
    const x = Float64Array.from(SEED_GD1_X, (v, i) => v + 0.02 * Math.cos(i));
    const { grad } = compiled.objective(Float64Array.from(x));
    const h = 1e-6;
    for (const j of [0, 10, 31, 40, 50, 60, 65, 71]) {
      const xp = Float64Array.from(x);
      const xm = Float64Array.from(x);
      xp[j] += h;
      xm[j] -= h;
      const fd = (compiled.objective(xp).value - compiled.objective(xm).value) / (2 * h);
      // objective ~0.4, roundoff / h ≈ 1e-10: 1e-7 absolute
      expect(Math.abs(grad[j] - fd)).toBeLessThan(1e-7);
    }
  });
});
