import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { batchedMatmul, matmul } from "../../src/kernels/index.js";
import { maxAbs, maxDiff, naiveMatmul, randomArray, transpose } from "./helpers.js";

const dim = fc.integer({ min: 1, max: 40 });
const seed = fc.integer({ min: 0, max: 2 ** 31 - 1 });

describe("matmul", () => {
  it("matches the naive triple loop for every transpose combination and offsets", () => {
    fc.assert(
      fc.property(dim, dim, dim, seed, fc.boolean(), fc.boolean(), (m, k, n, s, tA, tB) => {
        const a = randomArray(m * k, s);
        const b = randomArray(k * n, s + 1);
        const expected = naiveMatmul(a, b, m, k, n);
        // Stored operands: transposed copies when requested, embedded at an offset.
        const aStore = tA ? transpose(a, m, k) : a;
        const bStore = tB ? transpose(b, k, n) : b;
        const aBuf = new Float64Array(3 + m * k);
        aBuf.set(aStore, 3);
        const bBuf = new Float64Array(5 + k * n);
        bBuf.set(bStore, 5);
        const out = new Float64Array(2 + m * n).fill(Number.NaN);
        matmul(aBuf, 3, bBuf, 5, out, 2, m, k, n, tA, tB);
        expect(Number.isNaN(out[0]) && Number.isNaN(out[1])).toBe(true);
        expect(maxDiff(out.subarray(2), expected)).toBeLessThanOrEqual(1e-13 * k);
      }),
    );
  });

  it("covers the cache-blocked path (k and n larger than one panel)", () => {
    const m = 7;
    const k = 300;
    const n = 530;
    const a = randomArray(m * k, 1);
    const b = randomArray(k * n, 2);
    const out = new Float64Array(m * n);
    matmul(a, 0, b, 0, out, 0, m, k, n);
    expect(maxDiff(out, naiveMatmul(a, b, m, k, n))).toBeLessThan(1e-12 * k);
  });

  it("overwrites out (does not accumulate) and handles k = 0", () => {
    const out = new Float64Array(6).fill(7);
    matmul(new Float64Array(0), 0, new Float64Array(0), 0, out, 0, 2, 0, 3);
    expect(Array.from(out)).toEqual([0, 0, 0, 0, 0, 0]);
    const out2 = new Float64Array(1).fill(7);
    matmul(Float64Array.of(2), 0, Float64Array.of(3), 0, out2, 0, 1, 1, 1);
    expect(out2[0]).toBe(6);
  });

  it("throws RangeError on short buffers and bad dimensions", () => {
    const a = new Float64Array(4);
    expect(() => matmul(a, 0, a, 0, a, 1, 2, 2, 2)).toThrow(RangeError);
    expect(() => matmul(a, 0, a, 0, new Float64Array(4), 0, 2, 2.5, 2)).toThrow(RangeError);
    expect(() => matmul(a, -1, a, 0, new Float64Array(4), 0, 1, 1, 1)).toThrow(RangeError);
  });
});

describe("batchedMatmul", () => {
  it("equals per-batch matmul, including stride-0 broadcast of either operand", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        dim,
        dim,
        dim,
        seed,
        fc.constantFrom("none", "a", "b"),
        fc.boolean(),
        fc.boolean(),
        (batch, m, k, n, s, broadcast, tA, tB) => {
          const aStride = broadcast === "a" ? 0 : m * k;
          const bStride = broadcast === "b" ? 0 : k * n + 1; // padded stride
          const a = randomArray(aStride * (batch - 1) + m * k, s);
          const b = randomArray(bStride * (batch - 1) + k * n, s + 7);
          const outStride = m * n + 2;
          const out = new Float64Array(outStride * batch);
          batchedMatmul(batch, a, 0, aStride, b, 0, bStride, out, 0, outStride, m, k, n, tA, tB);
          for (let t = 0; t < batch; t++) {
            const ref = new Float64Array(m * n);
            matmul(a, t * aStride, b, t * bStride, ref, 0, m, k, n, tA, tB);
            const got = out.subarray(t * outStride, t * outStride + m * n);
            expect(maxDiff(got, ref)).toBe(0);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("broadcasts a shared right operand (weights) across a batch of 3", () => {
    const m = 2;
    const k = 3;
    const n = 2;
    const a = randomArray(3 * m * k, 11);
    const w = randomArray(k * n, 12);
    const out = new Float64Array(3 * m * n);
    batchedMatmul(3, a, 0, m * k, w, 0, 0, out, 0, m * n, m, k, n);
    for (let t = 0; t < 3; t++) {
      const ref = naiveMatmul(a.subarray(t * m * k, (t + 1) * m * k), w, m, k, n);
      expect(maxDiff(out.subarray(t * m * n, (t + 1) * m * n), ref)).toBeLessThan(1e-15);
    }
    expect(maxAbs(out)).toBeGreaterThan(0);
  });

  it("rejects an output stride that would overlap and short buffers; batch 0 is a no-op", () => {
    const a = new Float64Array(8);
    expect(() => batchedMatmul(2, a, 0, 4, a, 0, 4, new Float64Array(8), 0, 3, 2, 2, 2)).toThrow(
      RangeError,
    );
    expect(() => batchedMatmul(3, a, 0, 4, a, 0, 0, new Float64Array(12), 0, 4, 2, 2, 2)).toThrow(
      RangeError,
    );
    expect(() =>
      batchedMatmul(0, a, 0, 4, a, 0, 4, new Float64Array(0), 0, 4, 2, 2, 2),
    ).not.toThrow();
  });
});
