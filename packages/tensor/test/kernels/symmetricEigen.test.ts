import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { symmetricEigen } from "../../src/kernels/index.js";
import { matrixCases } from "./fixtures/reference.js";
import { identity, maxAbs, maxDiff, naiveMatmul, randomArray, transpose } from "./helpers.js";

const dim = fc.integer({ min: 1, max: 40 });
const seed = fc.integer({ min: 0, max: 2 ** 31 - 1 });

function randomSymmetric(n: number, s: number): Float64Array {
  const a = randomArray(n * n, s);
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a[j * n + i] = a[i * n + j];
  return a;
}

describe("symmetricEigen", () => {
  it("A·V = V·Λ, VᵀV = I, ascending values, trace preserved", () => {
    fc.assert(
      fc.property(dim, seed, (n, s) => {
        const a = randomSymmetric(n, s);
        const values = new Float64Array(n);
        const vectors = new Float64Array(n * n);
        expect(symmetricEigen(a, n, values, vectors)).toBe(true);
        for (let i = 1; i < n; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]);
        const av = naiveMatmul(a, vectors, n, n, n);
        const vl = vectors.slice();
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) vl[i * n + j] *= values[j];
        const tol = 1e-13 * n * Math.max(1, maxAbs(a));
        expect(maxDiff(av, vl)).toBeLessThanOrEqual(tol);
        const vtv = naiveMatmul(transpose(vectors, n, n), vectors, n, n, n);
        expect(maxDiff(vtv, identity(n))).toBeLessThanOrEqual(1e-13 * n);
        let trace = 0;
        let sum = 0;
        for (let i = 0; i < n; i++) {
          trace += a[i * n + i];
          sum += values[i];
        }
        expect(Math.abs(trace - sum)).toBeLessThanOrEqual(tol);
      }),
    );
  });

  it("matches numpy.linalg.eigvalsh", () => {
    for (const c of matrixCases) {
      const n = c.n;
      const sym = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) sym[i * n + j] = (c.a[i * n + j] + c.a[j * n + i]) / 2;
      }
      const values = new Float64Array(n);
      expect(symmetricEigen(sym, n, values, new Float64Array(n * n))).toBe(true);
      expect(maxDiff(values, c.eigenvalues)).toBeLessThan(
        1e-12 * Math.max(1, maxAbs(c.eigenvalues)),
      );
    }
  });

  it("handles repeated eigenvalues, diagonal input, offsets and the lower triangle only", () => {
    const values = new Float64Array(3);
    const vectors = new Float64Array(9);
    expect(symmetricEigen(Float64Array.of(3, 0, 0, 0, 1, 0, 0, 0, 2), 3, values, vectors)).toBe(
      true,
    );
    expect(Array.from(values)).toEqual([1, 2, 3]);
    expect(Array.from(vectors)).toEqual([0, 0, 1, 1, 0, 0, 0, 1, 0]);
    // [[2,1],[1,2]] → 1, 3; upper triangle is garbage and must be ignored; offset 1.
    const buf = Float64Array.of(Number.NaN, 2, 1e9, 1, 2);
    const v2 = new Float64Array(5);
    const w = new Float64Array(2);
    expect(symmetricEigen(buf, 2, w, v2, 1, 1)).toBe(true);
    expect(maxDiff(w, [1, 3])).toBeLessThan(1e-15);
    expect(Math.abs(Math.abs(v2[1]) - Math.SQRT1_2)).toBeLessThan(1e-15);
    const id = identity(4);
    const w4 = new Float64Array(4);
    expect(symmetricEigen(id, 4, w4, new Float64Array(16))).toBe(true);
    expect(Array.from(w4)).toEqual([1, 1, 1, 1]);
  });

  it("keeps relative accuracy on a strongly graded matrix", () => {
    // diag(1e-10, 1, 1e10) rotated slightly: eigenvalues known from the construction.
    const n = 3;
    const d = [1e-10, 1, 1e10];
    const q = new Float64Array(n * n);
    const c = Math.cos(1e-3);
    const s = Math.sin(1e-3);
    q.set([c, -s, 0, s, c, 0, 0, 0, 1]);
    const qd = q.slice();
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) qd[i * n + j] *= d[j];
    const a = naiveMatmul(qd, transpose(q, n, n), n, n, n);
    const values = new Float64Array(n);
    expect(symmetricEigen(a, n, values, new Float64Array(n * n))).toBe(true);
    expect(Math.abs(values[2] - 1e10) / 1e10).toBeLessThan(1e-14);
    expect(Math.abs(values[1] - 1) / 1).toBeLessThan(1e-12);
  });

  it("returns false and NaN outputs for non-finite input", () => {
    const values = new Float64Array(2);
    const vectors = new Float64Array(4);
    expect(symmetricEigen(Float64Array.of(1, 0, Number.NaN, 1), 2, values, vectors)).toBe(false);
    expect(values[0]).toBeNaN();
    expect(vectors[3]).toBeNaN();
  });
});
