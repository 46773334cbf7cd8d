import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { triangularSolve } from "../../src/kernels/index.js";
import { maxDiff, naiveMatmul, randomArray, transpose } from "./helpers.js";

const dim = fc.integer({ min: 1, max: 40 });
const seed = fc.integer({ min: 0, max: 2 ** 31 - 1 });

/**
 * Full n×n matrix with a well-conditioned triangle (|diag| in [1, 2], off-diagonal
 * scaled by 1/n) and junk in the other triangle, which the solver must ignore.
 */
function storage(n: number, s: number): Float64Array {
  const t = randomArray(n * n, s);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) t[i * n + j] = t[i * n + j] < 0 ? t[i * n + j] - 1 : t[i * n + j] + 1;
      else t[i * n + j] /= n;
    }
  }
  return t;
}

/** The triangle actually used, as a dense matrix (unit diagonal if requested). */
function effective(t: Float64Array, n: number, lower: boolean, unit: boolean): Float64Array {
  const e = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) e[i * n + j] = unit ? 1 : t[i * n + j];
      else if (lower ? j < i : j > i) e[i * n + j] = t[i * n + j];
    }
  }
  return e;
}

describe("triangularSolve", () => {
  it("op(T)·X = B for all lower/transpose/unitDiagonal combinations", () => {
    fc.assert(
      fc.property(
        dim,
        fc.integer({ min: 1, max: 6 }),
        seed,
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        (n, nrhs, s, lower, trans, unit, inPlace) => {
          const t = storage(n, s);
          const b = randomArray(n * nrhs, s + 3);
          const work = new Float64Array(1 + n * nrhs);
          let ok: boolean;
          if (inPlace) {
            work.set(b, 1);
            ok = triangularSolve(t, 0, n, work, 1, nrhs, work, 1, {
              lower,
              transpose: trans,
              unitDiagonal: unit,
            });
          } else {
            ok = triangularSolve(t, 0, n, b, 0, nrhs, work, 1, {
              lower,
              transpose: trans,
              unitDiagonal: unit,
            });
          }
          expect(ok).toBe(true);
          const x = work.subarray(1);
          let op = effective(t, n, lower, unit);
          if (trans) op = transpose(op, n, n);
          expect(maxDiff(naiveMatmul(op, x, n, n, nrhs), b)).toBeLessThanOrEqual(1e-13 * n);
        },
      ),
    );
  });

  it("defaults to a lower, non-transposed, non-unit solve", () => {
    const l = Float64Array.of(2, 99, 1, 4);
    const x = new Float64Array(2);
    triangularSolve(l, 0, 2, Float64Array.of(2, 9), 0, 1, x, 0);
    expect(Array.from(x)).toEqual([1, 2]);
  });

  it("returns false on a zero or non-finite diagonal", () => {
    const x = new Float64Array(2);
    expect(
      triangularSolve(Float64Array.of(1, 0, 1, 0), 0, 2, Float64Array.of(1, 1), 0, 1, x, 0),
    ).toBe(false);
    expect(
      triangularSolve(
        Float64Array.of(Number.NaN, 0, 1, 1),
        0,
        2,
        Float64Array.of(1, 1),
        0,
        1,
        x,
        0,
      ),
    ).toBe(false);
    // Unit diagonal never reads the (zero) diagonal.
    expect(
      triangularSolve(Float64Array.of(0, 0, 1, 0), 0, 2, Float64Array.of(1, 1), 0, 1, x, 0, {
        unitDiagonal: true,
      }),
    ).toBe(true);
    expect(Array.from(x)).toEqual([1, 0]);
  });
});
