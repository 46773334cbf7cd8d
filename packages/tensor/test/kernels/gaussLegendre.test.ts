import { describe, expect, it } from "vitest";
import { gaussLegendre } from "../../src/kernels/index.js";

describe("gaussLegendre", () => {
  it("matches numpy.polynomial.legendre.leggauss(5) to 1e-15", () => {
    // numpy 1.26 leggauss(5) (printed with repr).
    const x = [-0.906179845938664, -0.5384693101056831, 0, 0.5384693101056831, 0.906179845938664];
    const w = [
      0.23692688505618928, 0.4786286704993663, 0.5688888888888887, 0.4786286704993663,
      0.23692688505618928,
    ];
    const rule = gaussLegendre(5);
    for (let i = 0; i < 5; i++) {
      expect(Math.abs(rule.x[i] - x[i])).toBeLessThan(1e-15);
      expect(Math.abs(rule.w[i] - w[i])).toBeLessThan(1e-15);
    }
  });

  it("matches leggauss(8) and the closed forms of n = 1 and 2", () => {
    const x8 = [-0.9602898564975362, -0.7966664774136267, -0.525532409916329, -0.18343464249564978];
    const w8 = [0.10122853629037706, 0.22238103445337443, 0.3137066458778869, 0.36268378337836166];
    const r8 = gaussLegendre(8);
    for (let i = 0; i < 4; i++) {
      expect(Math.abs(r8.x[i] - x8[i])).toBeLessThan(1e-15);
      expect(Math.abs(r8.x[7 - i] + x8[i])).toBeLessThan(1e-15);
      expect(Math.abs(r8.w[i] - w8[i])).toBeLessThan(1e-15);
    }
    expect(Array.from(gaussLegendre(1).x)).toEqual([0]);
    expect(Array.from(gaussLegendre(1).w)).toEqual([2]);
    expect(gaussLegendre(2).x[1]).toBeCloseTo(1 / Math.sqrt(3), 15);
  });

  it("integrates x^k exactly for k ≤ 2n − 1 (n = 3, 12, 48)", () => {
    for (const n of [3, 12, 48]) {
      const { x, w } = gaussLegendre(n);
      for (let k = 0; k <= 2 * n - 1; k++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += w[i] * x[i] ** k;
        // ∫₋₁¹ x^k dx = 2/(k+1) for even k, 0 for odd k.
        const exact = k % 2 === 0 ? 2 / (k + 1) : 0;
        expect(Math.abs(s - exact)).toBeLessThan(1e-13);
      }
    }
  });

  it("rejects a count that is not a positive integer", () => {
    expect(() => gaussLegendre(0)).toThrow(/positive integer, got 0/);
    expect(() => gaussLegendre(2.5)).toThrow(/got 2.5/);
  });
});
