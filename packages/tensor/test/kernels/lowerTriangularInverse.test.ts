import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lowerTriangularInverse, triangularSolve } from "../../src/kernels/index.js";
import { randomArray } from "./helpers.js";

const dim = fc.integer({ min: 1, max: 60 });
const seed = fc.integer({ min: 0, max: 2 ** 31 - 1 });

/**
 * Full n×n storage whose lower triangle is well conditioned (|diag| in [1, 2], off-diagonal
 * in [−1, 1]/n, a few exact zeros) and whose upper triangle is junk the kernel must not read.
 */
function storage(n: number, s: number): Float64Array {
  const t = randomArray(n * n, s);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const k = i * n + j;
      if (i === j) t[k] = t[k] < 0 ? t[k] - 1 : t[k] + 1;
      else if (j < i) t[k] = (k % 7 === 3 ? 0 : t[k]) / n;
      else t[k] = 1e300 * t[k];
    }
  return t;
}

describe("lowerTriangularInverse", () => {
  it("equals the generic triangular solve L X = I bit for bit (zeros compared as numbers)", () => {
    fc.assert(
      fc.property(dim, seed, (n, s) => {
        const l = storage(n, s);
        const generic = new Float64Array(n * n);
        for (let i = 0; i < n; i++) generic[i * n + i] = 1;
        expect(triangularSolve(l, 0, n, generic, 0, n, generic, 0)).toBe(true);
        const out = new Float64Array(2 + n * n).fill(Number.NaN);
        expect(lowerTriangularInverse(l, 0, n, out, 2)).toBe(true);
        for (let k = 0; k < n * n; k++)
          if (out[2 + k] !== generic[k]) expect(out[2 + k]).toBe(generic[k]);
        expect(Number.isNaN(out[0]) && Number.isNaN(out[1])).toBe(true);
      }),
      { numRuns: 200, seed: 25 },
    );
  });

  it("L · L⁻¹ = I and L⁻¹ · L = I to 1e-12 (exact identities)", () => {
    fc.assert(
      fc.property(dim, seed, (n, s) => {
        const l = storage(n, s);
        const x = new Float64Array(n * n);
        expect(lowerTriangularInverse(l, 0, n, x, 0)).toBe(true);
        let upper = 0;
        let err = 0;
        for (let i = 0; i < n; i++)
          for (let j = 0; j < n; j++) {
            if (j > i) upper = Math.max(upper, Math.abs(x[i * n + j]));
            // lower triangles only: L(i,k) for k ≤ i, X(k,j) for j ≤ k
            let lx = 0;
            let xl = 0;
            for (let k = j; k <= i; k++) {
              lx += l[i * n + k] * x[k * n + j];
              xl += x[i * n + k] * l[k * n + j];
            }
            const id = i === j ? 1 : 0;
            err = Math.max(err, Math.abs(lx - id), Math.abs(xl - id));
          }
        expect(upper).toBe(0);
        expect(err).toBeLessThanOrEqual(1e-12);
      }),
      { numRuns: 60, seed: 26 },
    );
  });

  it("exact on a small case: L = [[2,0],[1,4]] gives [[1/2,0],[-1/8,1/4]]", () => {
    const out = new Float64Array(4);
    expect(lowerTriangularInverse(new Float64Array([2, 99, 1, 4]), 0, 2, out, 0)).toBe(true);
    expect(Array.from(out)).toEqual([0.5, 0, -0.125, 0.25]);
  });

  it("returns false on a zero or non-finite diagonal; throws RangeError on bad sizes", () => {
    const out = new Float64Array(4);
    expect(lowerTriangularInverse(new Float64Array([1, 0, 1, 0]), 0, 2, out, 0)).toBe(false);
    expect(lowerTriangularInverse(new Float64Array([Number.NaN, 0, 1, 1]), 0, 2, out, 0)).toBe(
      false,
    );
    expect(lowerTriangularInverse(new Float64Array(0), 0, 0, new Float64Array(0), 0)).toBe(true);
    expect(() => lowerTriangularInverse(new Float64Array(3), 0, 2, out, 0)).toThrow(RangeError);
    expect(() => lowerTriangularInverse(new Float64Array(4), 0, 2, out, 1)).toThrow(RangeError);
    expect(() => lowerTriangularInverse(new Float64Array(4), 0, 1.5, out, 0)).toThrow(RangeError);
  });
});
