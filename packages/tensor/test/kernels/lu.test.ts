import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inverse, luFactor, luSolve, slogdet } from "../../src/kernels/index.js";
import { matrixCases } from "./fixtures/reference.js";
import { identity, maxAbs, maxDiff, naiveMatmul, randomArray } from "./helpers.js";

const dim = fc.integer({ min: 1, max: 40 });
const seed = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const EPS = 2 ** -52;

/** Splits packed LU into unit-lower L and upper U. */
function unpack(lu: Float64Array, n: number): { l: Float64Array; u: Float64Array } {
  const l = new Float64Array(n * n);
  const u = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (j < i) l[i * n + j] = lu[i * n + j];
      else u[i * n + j] = lu[i * n + j];
    }
    l[i * n + i] = 1;
  }
  return { l, u };
}

/** Sign of a permutation by counting cycles. */
function permutationSign(piv: Int32Array): number {
  const seen = new Uint8Array(piv.length);
  let sign = 1;
  for (let i = 0; i < piv.length; i++) {
    if (seen[i]) continue;
    let len = 0;
    for (let j = i; !seen[j]; j = piv[j]) {
      seen[j] = 1;
      len++;
    }
    if (len % 2 === 0) sign = -sign;
  }
  return sign;
}

describe("luFactor", () => {
  it("P·A = L·U with |L| ≤ 1 and the returned sign of P", () => {
    fc.assert(
      fc.property(dim, seed, (n, s) => {
        const a = randomArray(n * n, s);
        const lu = new Float64Array(n * n + 3);
        const piv = new Int32Array(n);
        const sign = luFactor(a, 0, n, lu, piv, 3);
        expect(Math.abs(sign)).toBe(1);
        expect(sign).toBe(permutationSign(piv));
        const { l, u } = unpack(lu.subarray(3), n);
        expect(maxAbs(l)).toBeLessThanOrEqual(1);
        const pa = new Float64Array(n * n);
        for (let i = 0; i < n; i++) pa.set(a.subarray(piv[i] * n, piv[i] * n + n), i * n);
        // Backward error of partial pivoting: growth is modest for random matrices.
        expect(maxDiff(naiveMatmul(l, u, n, n, n), pa)).toBeLessThanOrEqual(1e3 * n * EPS);
      }),
    );
  });

  it("returns 0 for a singular matrix and NaN for non-finite input", () => {
    const piv = new Int32Array(3);
    const lu = new Float64Array(9);
    expect(luFactor(Float64Array.of(1, 2, 3, 2, 4, 6, 1, 0, 1), 0, 3, lu, piv)).toBe(0);
    expect(luFactor(new Float64Array(9), 0, 3, lu, piv)).toBe(0);
    expect(luFactor(Float64Array.of(1, 0, 0, 1, Number.NaN, 0, 0, 0, 1), 0, 3, lu, piv)).toBeNaN();
    expect(luFactor(Float64Array.of(1, Number.POSITIVE_INFINITY, 0, 1), 0, 2, lu, piv)).toBeNaN();
    expect(luFactor(Float64Array.of(0, 0, Number.NaN, 0), 0, 2, lu, piv)).toBeNaN();
  });
});

describe("luSolve", () => {
  it("A·X = B with a small backward error", () => {
    fc.assert(
      fc.property(dim, fc.integer({ min: 1, max: 5 }), seed, (n, nrhs, s) => {
        const a = randomArray(n * n, s);
        const lu = new Float64Array(n * n);
        const piv = new Int32Array(n);
        luFactor(a, 0, n, lu, piv);
        const b = randomArray(n * nrhs, s + 9);
        const x = new Float64Array(2 + n * nrhs);
        expect(luSolve(lu, 0, n, piv, b, 0, nrhs, x, 2)).toBe(true);
        const xs = x.subarray(2);
        const r = maxDiff(naiveMatmul(a, xs, n, n, nrhs), b);
        expect(r).toBeLessThanOrEqual(1e3 * n * EPS * (maxAbs(b) + n * maxAbs(a) * maxAbs(xs)));
      }),
    );
  });
});

describe("inverse", () => {
  it("A·A⁻¹ = I and A⁻¹·A = I (backward-error scaled)", () => {
    fc.assert(
      fc.property(dim, seed, (n, s) => {
        const a = randomArray(n * n, s);
        const inv = new Float64Array(n * n);
        expect(inverse(a, 0, n, inv, 0)).toBe(true);
        const scale = 1e3 * n * n * EPS * maxAbs(a) * maxAbs(inv);
        expect(maxDiff(naiveMatmul(a, inv, n, n, n), identity(n))).toBeLessThanOrEqual(scale);
        expect(maxDiff(naiveMatmul(inv, a, n, n, n), identity(n))).toBeLessThanOrEqual(scale);
      }),
    );
  });

  it("inverts in place with caller scratch", () => {
    const a = Float64Array.of(4, 7, 2, 6);
    const lu = new Float64Array(4);
    const piv = new Int32Array(2);
    expect(inverse(a, 0, 2, a, 0, lu, piv)).toBe(true);
    expect(maxDiff(a, [0.6, -0.7, -0.2, 0.4])).toBeLessThan(1e-15);
  });

  it("returns false for a singular matrix", () => {
    expect(inverse(Float64Array.of(1, 2, 2, 4), 0, 2, new Float64Array(4), 0)).toBe(false);
  });
});

describe("slogdet", () => {
  it("matches numpy.linalg.slogdet", () => {
    for (const c of matrixCases) {
      const { sign, logAbsDet } = slogdet(Float64Array.from(c.a), 0, c.n);
      expect(sign).toBe(c.sign);
      expect(Math.abs(logAbsDet - c.logAbsDet)).toBeLessThan(
        1e-12 * Math.max(1, Math.abs(c.logAbsDet)),
      );
    }
  });

  it("reports sign −1 for negative determinants", () => {
    expect(slogdet(Float64Array.of(1, 2, 3, 4), 0, 2)).toEqual({
      sign: -1,
      logAbsDet: Math.log(2),
    });
    const swap = slogdet(Float64Array.of(0, 1, 1, 0), 0, 2);
    expect(swap.sign).toBe(-1);
    expect(swap.logAbsDet).toBe(0);
    const neg = slogdet(Float64Array.of(-3), 0, 1);
    expect(neg).toEqual({ sign: -1, logAbsDet: Math.log(3) });
  });

  it("det(A·B) = det(A)·det(B) and swapping two rows flips the sign", () => {
    fc.assert(
      fc.property(dim, seed, (n, s) => {
        const a = randomArray(n * n, s);
        const b = randomArray(n * n, s + 1);
        for (let i = 0; i < n; i++) {
          a[i * n + i] += a[i * n + i] < 0 ? -2 : 2; // keep the product well conditioned
          b[i * n + i] += b[i * n + i] < 0 ? -2 : 2;
        }
        const da = slogdet(a, 0, n);
        const db = slogdet(b, 0, n);
        const dab = slogdet(naiveMatmul(a, b, n, n, n), 0, n);
        expect(dab.sign).toBe(da.sign * db.sign);
        expect(Math.abs(dab.logAbsDet - da.logAbsDet - db.logAbsDet)).toBeLessThan(1e-10 * n);
        if (n > 1) {
          const swapped = a.slice();
          swapped.set(a.subarray(0, n), n);
          swapped.set(a.subarray(n, 2 * n), 0);
          const ds = slogdet(swapped, 0, n);
          expect(ds.sign).toBe(-da.sign);
          expect(Math.abs(ds.logAbsDet - da.logAbsDet)).toBeLessThan(1e-12 * n);
        }
      }),
    );
  });

  it("handles singular, empty, non-finite and huge matrices", () => {
    expect(slogdet(Float64Array.of(1, 2, 2, 4), 0, 2)).toEqual({
      sign: 0,
      logAbsDet: Number.NEGATIVE_INFINITY,
    });
    expect(slogdet(new Float64Array(0), 0, 0)).toEqual({ sign: 1, logAbsDet: 0 });
    const bad = slogdet(Float64Array.of(Number.NaN, 1, 1, 1), 0, 2);
    expect(bad.sign).toBeNaN();
    expect(bad.logAbsDet).toBeNaN();
    // det = 1e300^4 overflows a double but not its log.
    const n = 4;
    const big = new Float64Array(n * n);
    for (let i = 0; i < n; i++) big[i * n + ((i + 1) % n)] = 1e300;
    const d = slogdet(big, 0, n);
    expect(d.sign).toBe(-1); // a 4-cycle is an odd permutation
    expect(Math.abs(d.logAbsDet - 4 * 300 * Math.log(10))).toBeLessThan(1e-9);
  });
});
