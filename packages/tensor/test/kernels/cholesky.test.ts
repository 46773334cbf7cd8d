import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { choleskyLogdet, choleskyLower, choleskySolve, slogdet } from "../../src/kernels/index.js";
import { maxAbs, maxDiff, naiveMatmul, randomArray, randomSpd, transpose } from "./helpers.js";

const dim = fc.integer({ min: 1, max: 40 });
const seed = fc.integer({ min: 0, max: 2 ** 31 - 1 });

describe("choleskyLower", () => {
  it("A = L·Lᵀ with L lower triangular and a positive diagonal", () => {
    fc.assert(
      fc.property(dim, seed, (n, s) => {
        const a = randomSpd(n, s);
        const buf = new Float64Array(n * n + 4).fill(Number.NaN);
        expect(choleskyLower(a, 0, n, buf, 4)).toBe(true);
        const l = buf.subarray(4);
        for (let i = 0; i < n; i++) {
          expect(l[i * n + i]).toBeGreaterThan(0);
          for (let j = i + 1; j < n; j++) expect(l[i * n + j]).toBe(0);
        }
        const llt = naiveMatmul(l, transpose(l, n, n), n, n, n);
        expect(maxDiff(llt, a)).toBeLessThanOrEqual(1e-14 * n * maxAbs(a));
      }),
    );
  });

  it("reads only the lower triangle and works in place", () => {
    const n = 6;
    const a = randomSpd(n, 3);
    const ref = new Float64Array(n * n);
    choleskyLower(a, 0, n, ref, 0);
    const junk = a.slice();
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) junk[i * n + j] = 1e300;
    const inPlace = new Float64Array(2 + n * n);
    inPlace.set(junk, 2);
    expect(choleskyLower(inPlace, 2, n, inPlace, 2)).toBe(true);
    expect(Array.from(inPlace.subarray(2))).toEqual(Array.from(ref));
  });

  it("returns false (never NaN) on indefinite, semidefinite and non-finite matrices", () => {
    const out = new Float64Array(9);
    expect(choleskyLower(Float64Array.of(1, 2, 2, 1), 0, 2, out, 0)).toBe(false);
    expect(choleskyLower(Float64Array.of(1, 1, 1, 1), 0, 2, out, 0)).toBe(false);
    expect(choleskyLower(Float64Array.of(-1), 0, 1, out, 0)).toBe(false);
    expect(choleskyLower(Float64Array.of(0, 0, 0, 0), 0, 2, out, 0)).toBe(false);
    expect(choleskyLower(Float64Array.of(4, 0, 0, Number.NaN, 4, 0, 1, 0, 4), 0, 3, out, 0)).toBe(
      false,
    );
    expect(choleskyLower(Float64Array.of(Number.POSITIVE_INFINITY), 0, 1, out, 0)).toBe(false);
    // Indefinite only in the trailing block: [[4,2,0],[2,1,3],[0,3,1]].
    expect(choleskyLower(Float64Array.of(4, 2, 0, 2, 1, 3, 0, 3, 1), 0, 3, out, 0)).toBe(false);
  });

  it("rejects every indefinite matrix B·diag(±d)·Bᵀ with a negative entry", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 20 }), seed, (n, s) => {
        const b = randomSpd(n, s); // well-conditioned, invertible
        const d = randomArray(n, s + 1).map((x) => 1 + Math.abs(x));
        d[s % n] = -d[s % n];
        const bd = new Float64Array(n * n);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) bd[i * n + j] = b[i * n + j] * d[j];
        const a = naiveMatmul(bd, transpose(b, n, n), n, n, n);
        expect(choleskyLower(a, 0, n, new Float64Array(n * n), 0)).toBe(false);
      }),
      { numRuns: 50 },
    );
  });
});

describe("choleskySolve / choleskyLogdet", () => {
  it("A·X = B for several right-hand sides, in place", () => {
    fc.assert(
      fc.property(dim, fc.integer({ min: 1, max: 5 }), seed, (n, nrhs, s) => {
        const a = randomSpd(n, s);
        const l = new Float64Array(n * n);
        expect(choleskyLower(a, 0, n, l, 0)).toBe(true);
        const b = randomArray(n * nrhs, s + 2);
        const x = b.slice();
        expect(choleskySolve(l, 0, n, x, 0, nrhs, x, 0)).toBe(true);
        const ax = naiveMatmul(a, x, n, n, nrhs);
        expect(maxDiff(ax, b)).toBeLessThanOrEqual(1e-12 * n);
      }),
    );
  });

  it("logdet from the factor equals slogdet of A", () => {
    fc.assert(
      fc.property(dim, seed, (n, s) => {
        const a = randomSpd(n, s);
        const l = new Float64Array(n * n);
        choleskyLower(a, 0, n, l, 0);
        const { sign, logAbsDet } = slogdet(a, 0, n);
        expect(sign).toBe(1);
        expect(Math.abs(choleskyLogdet(l, 0, n) - logAbsDet)).toBeLessThan(
          1e-12 * Math.max(1, Math.abs(logAbsDet)),
        );
      }),
    );
  });

  it("reports an invalid factor instead of a number", () => {
    expect(choleskyLogdet(Float64Array.of(1, 0, 0, -1), 0, 2)).toBeNaN();
    expect(choleskyLogdet(new Float64Array(0), 0, 0)).toBe(0);
    const x = Float64Array.of(1, 1);
    expect(choleskySolve(Float64Array.of(1, 0, 5, 0), 0, 2, x, 0, 1, x, 0)).toBe(false);
  });
});
