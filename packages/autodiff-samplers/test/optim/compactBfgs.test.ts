import { describe, expect, test } from "vitest";
import { normalizeBounds } from "../../src/optim/bounds.js";
import { generalizedCauchyPoint, initialStatus } from "../../src/optim/cauchyPoint.js";
import { CompactLbfgsMatrix } from "../../src/optim/compactBfgs.js";

/** Deterministic pseudo-random vectors (LCG) for reproducible tests. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (1664525 * s + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

/** Dense B = θI − W M Wᵀ assembled column by column through `middleTimes`. */
function denseB(b: CompactLbfgsMatrix): Float64Array {
  const n = b.n;
  const col = b.col;
  const out = new Float64Array(n * n);
  const wi = new Float64Array(2 * col);
  for (let j = 0; j < n; j++) {
    // Wᵀ e_j
    const mw = b.middleTimes(b.wRow(j, new Float64Array(2 * col)));
    if (mw === null) throw new Error("singular");
    for (let i = 0; i < n; i++) {
      b.wRow(i, wi);
      let acc = 0;
      for (let k = 0; k < 2 * col; k++) acc += wi[k] * mw[k];
      out[i * n + j] = (i === j ? b.theta : 0) - acc;
    }
  }
  return out;
}

describe("compact L-BFGS matrix", () => {
  test("stored inner products SᵀY, SᵀS, YᵀY equal fresh dot products after the memory wraps", () => {
    const n = 7;
    const r = rng(3);
    const b = new CompactLbfgsMatrix(n, 3);
    const dot = (u: Float64Array, v: Float64Array) => u.reduce((t, ui, i) => t + ui * v[i], 0);
    for (let step = 0; step < 5; step++) {
      const s = Float64Array.from({ length: n }, r);
      const y = s.map((v) => v + 0.1 * r());
      expect(b.push(s, y)).toBe(true);
    }
    expect(b.col).toBe(3);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        // same summation order as the subspace step's gather loop: identical bits
        expect(b.yTy(i, j)).toBe(dot(b.y[i], b.y[j]));
        expect(b.sTs(i, j)).toBe(dot(b.s[i], b.s[j]));
        expect(b.sTy(i, j)).toBe(dot(b.s[i], b.y[j]));
      }
  });

  test("B from the compact form inverts the two-loop H and satisfies the secant equation", () => {
    const n = 6;
    const r = rng(7);
    // Pairs from an SPD quadratic so that sᵀy > 0.
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++)
        a[i * n + j] = (i === j ? 3 + i : 0) + 0.3 / (1 + Math.abs(i - j));
    }
    const b = new CompactLbfgsMatrix(n, 4);
    for (let k = 0; k < 6; k++) {
      const s = Float64Array.from({ length: n }, r);
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) y[i] += a[i * n + j] * s[j];
      expect(b.push(s, y)).toBe(true);
    }
    expect(b.col).toBe(4);
    const bd = denseB(b);
    // Secant equation for the newest pair: B s = y.
    const sLast = b.s[b.col - 1];
    const yLast = b.y[b.col - 1];
    for (let i = 0; i < n; i++) {
      let acc = 0;
      for (let j = 0; j < n; j++) acc += bd[i * n + j] * sLast[j];
      expect(acc).toBeCloseTo(yLast[i], 10);
    }
    // H·(B v) = v.
    const h = b.inverseHessian();
    const v = Float64Array.from({ length: n }, r);
    const bv = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) bv[i] += bd[i * n + j] * v[j];
    const back = h.matvec(bv);
    for (let i = 0; i < n; i++) expect(back[i]).toBeCloseTo(v[i], 10);
  });

  test("Cauchy point with B = I is the projection of x − g when no breakpoint is crossed early", () => {
    const box = normalizeBounds(
      [
        [0, 1],
        [null, null],
        [-1, 0.5],
      ],
      3,
    );
    const x = new Float64Array([0.5, 0, 0]);
    const g = new Float64Array([-2, 0.5, 0.25]);
    const status = initialStatus(box);
    const b = new CompactLbfgsMatrix(3, 5);
    const cp = generalizedCauchyPoint(x, g, box, status, b, 2);
    expect(cp).not.toBeNull();
    // Along −g the first coordinate hits 1 at t = 0.25; the model minimum of the
    // remaining path is at t = 1, so xᶜ = (1, −0.5, −0.25).
    expect(Array.from(cp!.xcp)).toEqual([1, -0.5, -0.25]);
    expect(status[0]).toBe(2);
  });
});
