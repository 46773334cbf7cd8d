import { describe, expect, it } from "vitest";
import { hdi } from "../../src/diagnostics/index.js";
import { normalQuantile } from "../../src/diagnostics/normalQuantile.js";

/** Deterministic "perfect" sample: quantiles at the midpoints (i + 0.5) / n. */
function quantileGrid(n: number, quantile: (p: number) => number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => quantile((i + 0.5) / n));
}

describe("hdi", () => {
  it("standard normal: symmetric ±Φ⁻¹(0.97) at prob 0.94", () => {
    const x = quantileGrid(100_000, normalQuantile);
    const [lo, hi] = hdi(x);
    const z = normalQuantile(0.97); // 1.88079...
    expect(lo).toBeCloseTo(-z, 3);
    expect(hi).toBeCloseTo(z, 3);
  });

  it("exponential(1): starts at 0 and ends at −log(1 − prob)", () => {
    const x = quantileGrid(100_000, (p) => -Math.log1p(-p));
    const [lo, hi] = hdi(x, 0.9);
    expect(lo).toBeCloseTo(0, 4);
    expect(hi).toBeCloseTo(-Math.log(0.1), 3);
  });

  it("is invariant to the order of the draws and accepts chains", () => {
    const x = quantileGrid(1000, normalQuantile);
    const shuffled = Float64Array.from(x).reverse();
    expect(hdi(shuffled, 0.8)).toEqual(hdi(x, 0.8));
    expect(hdi([x.slice(0, 400), x.slice(400)], 0.8)).toEqual(hdi(x, 0.8));
  });

  it("uses ArviZ index arithmetic: k = floor(prob * n), first narrowest wins", () => {
    const x = new Float64Array([0, 1, 2, 3, 10, 11, 12, 13, 14, 30]);
    // k = floor(0.5 * 10) = 5 → candidates [s_i, s_{i+5}], widths 11,11,11,11,20
    expect(hdi(x, 0.5)).toEqual([0, 11]);
    // k = floor(0.3 * 10) = 3 → widths 3,9,9,9,3,3,18 → first minimum (index 0) wins
    expect(hdi(x, 0.3)).toEqual([0, 3]);
  });
});
