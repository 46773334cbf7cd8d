import { describe, expect, it } from "vitest";
import { gaussianKde, kdeBandwidth, sortedFinite } from "../src/index.js";
import { normalSampler } from "./helpers.js";

function trapezoid(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 1; i < x.length; i++) s += ((x[i] - x[i - 1]) * (y[i] + y[i - 1])) / 2;
  return s;
}

// The grid reaches 3 bandwidths past the extreme samples, so at most
// 2·(1 − Φ(3)) ≈ 0.0027 of the mass falls outside; trapezoid error on 256 points
// is far smaller. A tolerance of 1e-2 leaves room for both.
describe("gaussianKde", () => {
  const z = normalSampler(7);
  const samples = Float64Array.from({ length: 2000 }, () => 3 + 2 * z());

  for (const bandwidth of ["scott", "silverman", 0.3] as const) {
    it(`integrates to ~1 with bandwidth ${bandwidth}`, () => {
      const kde = gaussianKde(samples, { bandwidth, gridSize: 256 });
      expect(kde.x.length).toBe(256);
      expect(Math.abs(trapezoid(kde.x, kde.density) - 1)).toBeLessThan(1e-2);
    });
  }

  it("integrates to ~1 on the binned path used for large samples", () => {
    const big = Float64Array.from({ length: 40000 }, () => z());
    const kde = gaussianKde(big, { gridSize: 200 });
    expect(Math.abs(trapezoid(kde.x, kde.density) - 1)).toBeLessThan(1e-2);
    // Peak of a standard normal is 1/√(2π) ≈ 0.399; smoothing lowers it slightly.
    expect(Math.max(...kde.density)).toBeGreaterThan(0.36);
    expect(Math.max(...kde.density)).toBeLessThan(0.41);
  });

  it("follows Scott's and Silverman's rules", () => {
    const s = sortedFinite(samples);
    const n = s.length;
    const hScott = kdeBandwidth(s, "scott");
    expect(hScott / (1.06 * 2 * n ** -0.2)).toBeGreaterThan(0.9);
    expect(hScott / (1.06 * 2 * n ** -0.2)).toBeLessThan(1.1);
    expect(kdeBandwidth(s, "silverman")).toBeLessThan(hScott);
  });

  it("ignores non-finite samples and survives constant input", () => {
    const kde = gaussianKde([1, 1, 1, Number.NaN, Number.POSITIVE_INFINITY], { gridSize: 64 });
    expect(kde.bandwidth).toBeGreaterThan(0);
    expect(Math.abs(trapezoid(kde.x, kde.density) - 1)).toBeLessThan(1e-2);
    expect(() => gaussianKde([Number.NaN])).toThrow(RangeError);
    expect(() => gaussianKde([1, 2], { bandwidth: -1 })).toThrow(RangeError);
  });

  it("is deterministic", () => {
    expect(gaussianKde(samples).density).toEqual(gaussianKde(samples).density);
  });
});
