import { describe, expect, it } from "vitest";
import { autocorrelation, autocovariance } from "../../src/diagnostics/index.js";

function naiveAutocovariance(x: Float64Array): Float64Array {
  const n = x.length;
  const mu = x.reduce((a, b) => a + b, 0) / n;
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    let s = 0;
    for (let i = 0; i + t < n; i++) s += (x[i] - mu) * (x[i + t] - mu);
    out[t] = s / n;
  }
  return out;
}

describe("autocovariance / autocorrelation", () => {
  it("equal the O(n²) definition for odd and even lengths", () => {
    for (const n of [5, 64, 301]) {
      const x = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 0.37) + ((i * 7919) % 13));
      const fast = autocovariance(x);
      const slow = naiveAutocovariance(x);
      for (let t = 0; t < n; t++) expect(Math.abs(fast[t] - slow[t])).toBeLessThan(1e-10);
      const acf = autocorrelation(x);
      expect(acf[0]).toBe(1);
      expect(acf[3]).toBeCloseTo(slow[3] / slow[0], 12);
    }
  });

  it("is NaN for a constant series", () => {
    expect(autocorrelation(new Float64Array(8).fill(2))[1]).toBeNaN();
  });
});
