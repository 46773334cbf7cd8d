/** How `nuts` starts its chains: ADVI from the prior medians (default) or the medians alone. */
import { describe, expect, it } from "vitest";
import { priorMedians } from "../src/model.js";
import { nutsInit } from "../src/nuts-init.js";

describe("nuts init", () => {
  it("the prior medians are the seed's priors' (uniform midpoints, ln 2 / 1e-3 for σ)", () => {
    const m = priorMedians();
    expect(m.logg).toBeCloseTo(4.5, 12);
    expect(m.RV).toBeCloseTo(40, 12);
    expect(m.MMR).toBeCloseTo(0.0075, 14);
    expect(m.T0).toBeCloseTo(1250, 10);
    expect(m.alpha).toBeCloseTo(0.125, 14);
    expect(m.vsini).toBeCloseTo(10, 12);
    expect(m.sigmain).toBeCloseTo(Math.LN2 / 1e-3, 9);
  });

  it("advi: PyMC's advi+adapt_diag from the medians, one particle, the given iteration cap", () => {
    const o = nutsInit("advi", 1234);
    expect(o).toMatchObject({
      init: "advi+adapt_diag",
      advi: { n: 1234, objNMc: 1, learningRate: 0.01, start: priorMedians() },
    });
  });

  it("median: no ADVI, chains at the medians", () => {
    const o = nutsInit("median", 1234);
    expect("init" in o).toBe(false);
    expect(o.initStrategy).toBeDefined();
  });
});
