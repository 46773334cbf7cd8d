import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type ConvolveMode,
  convolve,
  convolveInto,
  convolveLength,
  convolveUsesFft,
} from "../../src/kernels/index.js";
import { convolveCases } from "./fixtures/reference.js";
import { maxAbs, maxDiff, randomArray } from "./helpers.js";

const seed = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const modes: readonly ConvolveMode[] = ["full", "same", "valid"];

/** Direct O(n·m) full convolution, written independently of the kernel. */
function fullSum(a: ArrayLike<number>, v: ArrayLike<number>): Float64Array {
  const out = new Float64Array(a.length + v.length - 1);
  for (let i = 0; i < a.length; i++) for (let j = 0; j < v.length; j++) out[i + j] += a[i] * v[j];
  return out;
}

describe("convolve", () => {
  it("matches numpy.convolve for all modes, odd/even and swapped lengths, both methods", () => {
    for (const c of convolveCases) {
      const a = Float64Array.from(c.a);
      const v = Float64Array.from(c.v);
      for (const mode of modes) {
        const want = c[mode];
        const scale = Math.max(1, maxAbs(want));
        for (const method of ["direct", "fft", "auto"] as const) {
          const got = convolve(a, v, mode, method);
          const label = `${a.length}×${v.length} ${mode} ${method}`;
          expect(got.length, label).toBe(want.length);
          expect(maxDiff(got, want), label).toBeLessThan(1e-13 * scale);
        }
      }
    }
  });

  it("full direct result equals the O(n·m) double sum exactly; other modes are slices of it", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        seed,
        (na, nv, s) => {
          const a = randomArray(na, s);
          const v = randomArray(nv, s + 1);
          const full = convolve(a, v, "full", "direct");
          expect(maxDiff(full, fullSum(a, v))).toBeLessThanOrEqual(1e-15 * Math.min(na, nv));
          const small = Math.min(na, nv);
          const big = Math.max(na, nv);
          const same = convolve(a, v, "same", "direct");
          expect(same.length).toBe(big);
          const s0 = Math.floor((small - 1) / 2);
          expect(maxDiff(same, full.subarray(s0, s0 + big))).toBe(0);
          const valid = convolve(a, v, "valid", "direct");
          expect(valid.length).toBe(big - small + 1);
          expect(maxDiff(valid, full.subarray(small - 1, big))).toBe(0);
          // Commutative; with unequal lengths numpy's swap makes it bit-for-bit.
          for (const mode of modes) {
            const d = maxDiff(convolve(v, a, mode, "direct"), convolve(a, v, mode, "direct"));
            if (na !== nv) expect(d).toBe(0);
            else expect(d).toBeLessThanOrEqual(1e-15 * na);
          }
        },
      ),
    );
  });

  it("FFT result matches direct to 1e-12 of the peak for every mode", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        seed,
        fc.constantFrom(...modes),
        (na, nv, s, mode) => {
          const a = randomArray(na, s);
          const v = randomArray(nv, s + 1);
          const direct = convolve(a, v, mode, "direct");
          const viaFft = convolve(a, v, mode, "fft");
          const scale = Math.max(maxAbs(direct), maxAbs(a) * maxAbs(v));
          expect(maxDiff(viaFft, direct)).toBeLessThanOrEqual(1e-12 * scale);
        },
      ),
    );
  });

  it("FFT matches direct on long signals (10⁴ × 101) and auto picks the FFT there", () => {
    const a = randomArray(10000, 5);
    const v = randomArray(101, 6);
    expect(convolveUsesFft(a.length, v.length, "same")).toBe(true);
    expect(convolveUsesFft(20, 5, "full")).toBe(false);
    for (const mode of modes) {
      const direct = convolve(a, v, mode, "direct");
      const viaFft = convolve(a, v, mode, "fft");
      expect(maxDiff(viaFft, direct), mode).toBeLessThanOrEqual(1e-12 * maxAbs(direct));
      expect(maxDiff(convolve(a, v, mode), direct), mode).toBeLessThanOrEqual(
        1e-12 * maxAbs(direct),
      );
    }
  });

  it("convolveInto writes at an offset, returns the length and leaves the rest alone", () => {
    const a = Float64Array.of(1, 2, 3);
    const v = Float64Array.of(0, 1, 0.5);
    for (const method of ["direct", "fft"] as const) {
      const out = new Float64Array(8).fill(-9);
      expect(convolveInto(out, a, v, "full", method, 2)).toBe(5);
      expect(out[0]).toBe(-9);
      expect(out[1]).toBe(-9);
      expect(out[7]).toBe(-9);
      expect(maxDiff(out.subarray(2, 7), [0, 1, 2.5, 4, 1.5])).toBeLessThan(1e-15);
    }
    expect(convolveLength(3, 7, "same")).toBe(7);
    expect(convolveLength(3, 7, "valid")).toBe(5);
  });

  it("rejects empty inputs, short outputs and unknown modes", () => {
    const x = Float64Array.of(1, 2);
    expect(() => convolve(new Float64Array(0), x)).toThrow(RangeError);
    expect(() => convolve(x, new Float64Array(0))).toThrow(RangeError);
    expect(() => convolveInto(new Float64Array(2), x, x, "full")).toThrow(RangeError);
    expect(() => convolve(x, x, "bogus" as ConvolveMode)).toThrow(RangeError);
  });
});
