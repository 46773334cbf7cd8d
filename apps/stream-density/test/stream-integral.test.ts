import { compile, neg, zeros } from "@sidereal/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadGd1 } from "../src/data.js";
import { streamModel } from "../src/models/stream.js";
import { simpsonIntegerWeights } from "../src/models/stream-integral.js";
import { SEED_GD1_X } from "./fixtures/reference.js";

// 300 stars keep this fast; the integral does not depend on the stars.
const cat = loadGd1(undefined, 300);
const examples = [zeros([31]), zeros([17]), zeros([17]), zeros([7])];
const columns = compile((...b) => neg(streamModel(cat.phi1, cat.phi2).lnPosterior(...b)), examples);
const perPoint = compile(
  (...b) => neg(streamModel(cat.phi1, cat.phi2, { integral: "per-point" }).lnPosterior(...b)),
  examples,
);

function both(x: Float64Array) {
  const g1 = new Float64Array(72);
  const g2 = new Float64Array(72);
  return { v1: columns.flat(x, g1), g1, v2: perPoint.flat(x, g2), g2 };
}

describe("column-wise GD-1 integral", () => {
  it("Simpson weights are the seed's 1, 4, 2, …, 4, 1 and reject even n", () => {
    expect(Array.from(simpsonIntegerWeights(7))).toEqual([1, 4, 2, 4, 2, 4, 1]);
    expect(() => simpsonIntegerWeights(8)).toThrow(RangeError);
  });

  it("equals the seed's per-point logaddexp + double log-Simpson (value and gradient)", () => {
    // random perturbations of the seed's optimum; both forms are the same sum in a
    // different order: agreement to 1e-12 relative (value ~1e3) and 1e-9 per gradient entry
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 72, maxLength: 72 }),
        (eps) => {
          const x = Float64Array.from(SEED_GD1_X, (v, i) => v + eps[i]);
          const { v1, g1, v2, g2 } = both(x);
          expect(Math.abs(v1 - v2)).toBeLessThan(1e-12 * Math.abs(v2) + 1e-9);
          for (let j = 0; j < 72; j++)
            expect(Math.abs(g1[j] - g2[j])).toBeLessThan(1e-9 * Math.max(1, Math.abs(g2[j])));
        },
      ),
      { numRuns: 8, seed: 7 },
    );
  });

  it("stays finite with the track far outside the window and a huge stream density", () => {
    const x = Float64Array.from(SEED_GD1_X);
    for (let j = 31; j < 48; j++) x[j] = 40; // track 35° above the φ₂ window
    for (let j = 48; j < 65; j++) x[j] = -4; // σ = 0.018°
    for (let j = 0; j < 31; j++) x[j] = 600; // e^600 stars per deg²: needs the shift K
    const { v1, g1, v2 } = both(x);
    expect(Number.isFinite(v1)).toBe(true);
    expect(g1.every(Number.isFinite)).toBe(true);
    expect(Math.abs(v1 - v2)).toBeLessThan(1e-9 * Math.abs(v2));
  });
});
