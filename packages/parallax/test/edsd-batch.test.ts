import { describe, expect, it } from "vitest";
import { edsdDistances, singleStarDistance } from "../src/index.js";

const cols = (n: number) => ({
  median: new Float64Array(n),
  q16: new Float64Array(n),
  q84: new Float64Array(n),
  mode: new Float64Array(n),
});

describe("edsdDistances", () => {
  // high S/N (narrow), low S/N, negative parallax, very small error, large L: the reference is
  // the 20,000-point singleStarDistance (exact to ~1e-7 of the width)
  const cases = [
    [5, 0.02, -0.02, 1350],
    [1.2, 0.3, -0.03, 1350],
    [0.1, 0.5, 0.01, 1350],
    [-0.5, 0.4, -0.02, 1350],
    [20, 0.001, 0, 370],
    [0.8, 1.5, 0, 370],
    [0.3, 0.05, -0.04, 3000],
  ] as const;
  it("matches singleStarDistance to 2e-5 of the posterior width", () => {
    const n = cases.length;
    const out = cols(n);
    const plx = cases.map((c) => c[0]);
    const err = cases.map((c) => c[1]);
    const zp = cases.map((c) => c[2]);
    for (const L of [370, 1350, 3000]) {
      edsdDistances(plx, err, zp, L, out);
      for (let i = 0; i < n; i++) {
        const ref = singleStarDistance(plx[i], err[i], { L, zp: zp[i] });
        const width = ref.q84 - ref.q16;
        expect(Math.abs(out.median[i] - ref.median) / width).toBeLessThan(2e-5);
        expect(Math.abs(out.q16[i] - ref.q16) / width).toBeLessThan(2e-5);
        expect(Math.abs(out.q84[i] - ref.q84) / width).toBeLessThan(2e-5);
        expect(Math.abs(out.mode[i] - ref.mode) / width).toBeLessThan(2e-5);
      }
    }
  });
  it("gives NaN for stars without a finite parallax or positive error, and rejects a bad L", () => {
    const out = cols(3);
    edsdDistances([1, Number.NaN, 1], [0.1, 0.1, 0], [0, 0, 0], 1000, out);
    expect(Number.isFinite(out.median[0])).toBe(true);
    expect(out.median[1]).toBeNaN();
    expect(out.mode[2]).toBeNaN();
    expect(() => edsdDistances([1], [0.1], [0], -1, cols(1))).toThrow(/L/);
  });
  it("is deterministic and independent of the slice (bit for bit)", () => {
    const n = 50;
    const plx = Float64Array.from({ length: n }, (_, i) => -0.5 + 0.1 * i);
    const err = Float64Array.from({ length: n }, (_, i) => 0.05 + 0.01 * (i % 7));
    const zp = new Float64Array(n).fill(-0.017);
    const a = cols(n);
    const b = cols(n);
    edsdDistances(plx, err, zp, 1350, a);
    edsdDistances(plx, err, zp, 1350, b, 0, 20);
    edsdDistances(plx, err, zp, 1350, b, 20, n);
    expect(Array.from(b.median)).toEqual(Array.from(a.median));
    expect(Array.from(b.mode)).toEqual(Array.from(a.mode));
  });
});
