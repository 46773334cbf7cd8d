import { describe, expect, it } from "vitest";
import { fftInPlace, nextPowerOfTwo } from "../../src/diagnostics/fft.js";
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

describe("local FFT", () => {
  it("matches a direct DFT", () => {
    const m = 16;
    const re = Float64Array.from({ length: m }, (_, i) => Math.cos(i * 1.3) + i / 7);
    const im = Float64Array.from({ length: m }, (_, i) => Math.sin(i * 0.4));
    const [r0, i0] = [Float64Array.from(re), Float64Array.from(im)];
    fftInPlace(re, im);
    for (let k = 0; k < m; k++) {
      let sr = 0;
      let si = 0;
      for (let j = 0; j < m; j++) {
        const a = (-2 * Math.PI * j * k) / m;
        sr += r0[j] * Math.cos(a) - i0[j] * Math.sin(a);
        si += r0[j] * Math.sin(a) + i0[j] * Math.cos(a);
      }
      expect(re[k]).toBeCloseTo(sr, 12);
      expect(im[k]).toBeCloseTo(si, 12);
    }
  });

  it("rejects non-power-of-two lengths and pads correctly", () => {
    expect(() => fftInPlace(new Float64Array(6), new Float64Array(6))).toThrow(RangeError);
    expect([1, 2, 3, 5, 1000].map(nextPowerOfTwo)).toEqual([1, 2, 4, 8, 1024]);
  });
});

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
