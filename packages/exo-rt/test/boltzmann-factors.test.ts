import { describe, expect, it } from "vitest";
import { HC_PER_K, wavenumberGrid } from "../src/index.js";
import { BoltzmannFactors } from "../src/opacity/boltzmann-factors.js";

describe("BoltzmannFactors: exp(−c2 ν/T) with one exp per 32 wavenumbers", () => {
  // the seed grid (Taylor path at every temperature here) and a coarse grid over a wide
  // range (ε too large: exp at every wavenumber)
  const grids: [string, Float64Array][] = [
    ["seed 3500 points", wavenumberGrid(22920, 23000, 3500, { unit: "AA" }).nu],
    ["reference 20000 points", wavenumberGrid(22920, 23100, 20000, { unit: "AA" }).nu],
    ["coarse 2000 points, 1-3 μm", wavenumberGrid(10000, 30000, 2000, { unit: "AA" }).nu],
  ];
  it.each(grids)("equals Math.exp to a few ulp on the %s grid (100–3000 K)", (_, nu) => {
    const bf = new BoltzmannFactors(nu);
    const out = new Float64Array(nu.length);
    for (const t of [100, 400.5, 500, 1108.7, 1500, 3000]) {
      bf.at(t, out);
      let worst = 0;
      for (let k = 0; k < nu.length; k++) {
        // the same argument rounding as the class (c2ν times 1/T): an argument of −144 (100 K)
        // alone moves exp by 144 ulp, which is not what this test is about
        const exact = Math.exp(-(HC_PER_K * nu[k]) * (1 / t));
        worst = Math.max(worst, Math.abs(out[k] / exact - 1));
      }
      // the block start's exp and the polynomial's rounding: well under 1e-14
      expect(worst, `T = ${t}`).toBeLessThan(1e-14);
    }
  });

  it.each(grids)(
    "atIndices gives exactly at()'s numbers at the listed wavenumbers (%s)",
    (_, nu) => {
      const bf = new BoltzmannFactors(nu);
      const full = new Float64Array(nu.length);
      // irregular ascending indices: block starts, block interiors, single points in a block
      const ks = Int32Array.from({ length: nu.length }, (_, k) => k).filter(
        (k) => k % 7 === 3 || k % 32 === 0 || k === nu.length - 1,
      );
      for (const t of [100, 500, 1108.7, 3000]) {
        bf.at(t, full);
        const some = new Float64Array(nu.length).fill(-1);
        bf.atIndices(t, ks, some);
        for (const k of ks) expect(some[k], `T = ${t}, k = ${k}`).toBe(full[k]);
        // nothing else written
        expect(some.filter((v) => v === -1).length).toBe(nu.length - ks.length);
      }
    },
  );
});
