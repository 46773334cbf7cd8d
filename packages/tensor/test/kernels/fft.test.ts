import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  clearFftCache,
  fft,
  fftCacheSize,
  irfft,
  irfftInto,
  rfft,
  rfftInto,
  rfftPaddedInto,
} from "../../src/kernels/index.js";
import { canSkipZeroHalf, makeMixedRadixPlan, mixedRadix } from "../../src/kernels/mixedRadix.js";
import { irfftCases, rfftCases } from "./fixtures/reference.js";
import { maxAbs, maxDiff, randomArray } from "./helpers.js";

const seed = fc.integer({ min: 0, max: 2 ** 31 - 1 });

/** O(n²) DFT with exact-ish angles (jk reduced mod n before scaling). */
function naiveDft(
  re: Float64Array,
  im: Float64Array,
  inverse: boolean,
): { re: Float64Array; im: Float64Array } {
  const n = re.length;
  const or = new Float64Array(n);
  const oi = new Float64Array(n);
  const sgn = inverse ? 1 : -1;
  for (let k = 0; k < n; k++) {
    let sr = 0;
    let si = 0;
    for (let j = 0; j < n; j++) {
      const ang = (sgn * 2 * Math.PI * ((j * k) % n)) / n;
      const c = Math.cos(ang);
      const s = Math.sin(ang);
      sr += re[j] * c - im[j] * s;
      si += re[j] * s + im[j] * c;
    }
    or[k] = inverse ? sr / n : sr;
    oi[k] = inverse ? si / n : si;
  }
  return { re: or, im: oi };
}

describe("fft", () => {
  it("matches the naive DFT for every n in 1..64 (powers of two, primes, composites)", () => {
    for (let n = 1; n <= 64; n++) {
      for (const inverse of [false, true]) {
        const re = randomArray(n, 100 + n);
        const im = randomArray(n, 200 + n);
        const ref = naiveDft(re, im, inverse);
        fft(re, im, inverse);
        const tol = 1e-14 * n * (inverse ? 1 : n);
        expect(maxDiff(re, ref.re), `n=${n} inverse=${inverse}`).toBeLessThanOrEqual(tol);
        expect(maxDiff(im, ref.im), `n=${n} inverse=${inverse}`).toBeLessThanOrEqual(tol);
      }
    }
  });

  it("ifft(fft(x)) = x and Parseval holds for random sizes", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), seed, (n, s) => {
        const re = randomArray(n, s);
        const im = randomArray(n, s + 1);
        const re0 = re.slice();
        const im0 = im.slice();
        fft(re, im);
        let energyX = 0;
        let energyF = 0;
        for (let i = 0; i < n; i++) {
          energyX += re0[i] ** 2 + im0[i] ** 2;
          energyF += re[i] ** 2 + im[i] ** 2;
        }
        expect(Math.abs(energyF / n - energyX)).toBeLessThanOrEqual(
          1e-13 * n * Math.max(1, energyX),
        );
        fft(re, im, true);
        expect(maxDiff(re, re0)).toBeLessThanOrEqual(1e-14 * n);
        expect(maxDiff(im, im0)).toBeLessThanOrEqual(1e-14 * n);
      }),
    );
  });

  it("round-trips long power-of-two and Bluestein lengths", () => {
    for (const n of [1000, 1024, 4096, 4099, 6000]) {
      const re = randomArray(n, n);
      const im = randomArray(n, n + 1);
      const re0 = re.slice();
      const im0 = im.slice();
      fft(re, im);
      fft(re, im, true);
      expect(maxDiff(re, re0), `n=${n}`).toBeLessThan(1e-13);
      expect(maxDiff(im, im0), `n=${n}`).toBeLessThan(1e-13);
    }
  });

  it("mixed-radix lengths (prime factors ≤ 7) match the naive DFT; 7000 round-trips", () => {
    for (const n of [105, 420, 700, 343]) {
      const re = randomArray(n, n);
      const im = randomArray(n, n + 7);
      const ref = naiveDft(re, im, false);
      fft(re, im);
      expect(maxDiff(re, ref.re), `n=${n}`).toBeLessThanOrEqual(1e-13 * n);
      expect(maxDiff(im, ref.im), `n=${n}`).toBeLessThanOrEqual(1e-13 * n);
    }
    const re = randomArray(7000, 1);
    const im = randomArray(7000, 2);
    const re0 = re.slice();
    const im0 = im.slice();
    fft(re, im);
    fft(re, im, true);
    expect(maxDiff(re, re0)).toBeLessThan(1e-13);
    expect(maxDiff(im, im0)).toBeLessThan(1e-13);
  });

  it("is linear and transforms a slice in place via off/n", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 5 }),
        seed,
        (n, off, s) => {
          const re = randomArray(off + n + 2, s);
          const im = randomArray(off + n + 2, s + 1);
          const sliceRe = re.slice(off, off + n);
          const sliceIm = im.slice(off, off + n);
          const before = re.slice();
          fft(re, im, false, off, n);
          fft(sliceRe, sliceIm);
          expect(maxDiff(re.subarray(off, off + n), sliceRe)).toBe(0);
          expect(maxDiff(im.subarray(off, off + n), sliceIm)).toBe(0);
          // Untouched outside the slice.
          expect(re[off + n]).toBe(before[off + n]);
          if (off > 0) expect(re[off - 1]).toBe(before[off - 1]);
        },
      ),
    );
  });

  it("caches plans per size and survives clearing", () => {
    clearFftCache();
    expect(fftCacheSize()).toBe(0);
    const re = randomArray(12, 1);
    const im = new Float64Array(12);
    fft(re, im);
    const afterFirst = fftCacheSize();
    expect(afterFirst).toBeGreaterThan(0);
    fft(re, im, true);
    expect(fftCacheSize()).toBe(afterFirst);
    clearFftCache();
    fft(re, im);
    expect(fftCacheSize()).toBe(afterFirst);
    for (let n = 100; n < 200; n++) fft(new Float64Array(n), new Float64Array(n));
    expect(fftCacheSize()).toBeLessThanOrEqual(128); // bounded: ≤ 32 per table
  });

  it("propagates NaN and rejects bad spans", () => {
    const re = Float64Array.of(1, Number.NaN, 3, 4);
    const im = new Float64Array(4);
    fft(re, im);
    expect(Array.from(re).every(Number.isNaN)).toBe(true);
    expect(() => fft(new Float64Array(4), new Float64Array(3))).toThrow(RangeError);
    expect(() => fft(new Float64Array(4), new Float64Array(4), false, 2, 3)).toThrow(RangeError);
  });
});

describe("rfft / irfft", () => {
  it("rfft equals the first ⌊n/2⌋+1 bins of the complex fft; irfft inverts it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), seed, (n, s) => {
        const x = randomArray(n, s);
        const { re, im } = rfft(x);
        expect(re.length).toBe((n >> 1) + 1);
        const fr = x.slice();
        const fi = new Float64Array(n);
        fft(fr, fi);
        expect(maxDiff(re, fr.subarray(0, re.length))).toBeLessThanOrEqual(1e-14 * n);
        expect(maxDiff(im, fi.subarray(0, im.length))).toBeLessThanOrEqual(1e-14 * n);
        expect(maxDiff(irfft(re, im, n), x)).toBeLessThanOrEqual(1e-15 * n);
      }),
    );
  });

  it("matches numpy.fft.rfft including crop and zero padding", () => {
    for (const c of rfftCases) {
      const { re, im } = rfft(Float64Array.from(c.x), c.n);
      const scale = Math.max(1, maxAbs(c.re), maxAbs(c.im));
      expect(maxDiff(re, c.re)).toBeLessThan(1e-14 * scale);
      expect(maxDiff(im, c.im)).toBeLessThan(1e-14 * scale);
    }
  });

  it("matches numpy.fft.irfft, ignoring DC/Nyquist imaginary parts, cropping and padding", () => {
    for (const c of irfftCases) {
      const got = irfft(Float64Array.from(c.re), Float64Array.from(c.im), c.n);
      expect(got.length).toBe(c.n);
      expect(maxDiff(got, c.out), `m=${c.re.length} n=${c.n}`).toBeLessThan(1e-14);
    }
    // Default n = 2(m − 1).
    expect(irfft(Float64Array.of(1, 2, 3), Float64Array.of(0, 0, 0)).length).toBe(4);
  });

  it("Into variants honour offsets and large sizes", () => {
    for (const n of [2, 3, 1000, 1001, 4096, 4098]) {
      const x = randomArray(n + 3, n);
      const bins = (n >> 1) + 1;
      const re = new Float64Array(bins + 1);
      const im = new Float64Array(bins + 1);
      rfftInto(x, 3, n, re, im, 1);
      const back = new Float64Array(n + 2);
      irfftInto(re, im, 1, bins, n, back, 2);
      expect(maxDiff(back.subarray(2), x.subarray(3)), `n=${n}`).toBeLessThan(1e-14);
    }
  });

  it("rejects empty lengths and mismatched spectra", () => {
    expect(() => rfft(new Float64Array(0))).toThrow(RangeError);
    expect(() => irfft(Float64Array.of(1), Float64Array.of(0))).toThrow(RangeError);
    expect(() => irfft(Float64Array.of(1, 2), Float64Array.of(0))).toThrow(RangeError);
    expect(Array.from(irfft(Float64Array.of(5), Float64Array.of(3), 1))).toEqual([5]);
  });
});

describe("rfftPaddedInto / irfftInto count", () => {
  /** rfftInto of the signal written out (strided gather, zeros to n). */
  function reference(x: Float64Array, off: number, stride: number, m: number, n: number) {
    const padded = new Float64Array(n);
    for (let i = 0; i < m; i++) padded[i] = x[off + i * stride];
    const bins = (n >> 1) + 1;
    const re = new Float64Array(bins);
    const im = new Float64Array(bins);
    rfftInto(padded, 0, n, re, im, 0);
    return { re, im };
  }

  it("gives exactly rfftInto's numbers on the written-out zero-padded signal", () => {
    // 7000 and 40: half-length 3500 / 20 starts with radix 4, so the zero half is skipped;
    // 3500 (half 1750 = 2·5³·7), 8192 (radix 2), 15 (odd) and 88 (half 44: Bluestein) do not
    for (const n of [7000, 40, 3500, 8192, 15, 88]) {
      for (const stride of [1, 3]) {
        for (const m of [0, 1, (n >> 1) - 1, n >> 1, (n >> 1) + 1, n]) {
          const off = 2;
          const x = randomArray(off + Math.max(m - 1, 0) * stride + 1, n * 7 + m + stride);
          const bins = (n >> 1) + 1;
          // stale data in the outputs and in the module scratch must not matter
          const re = new Float64Array(bins + 1).fill(Number.NaN);
          const im = new Float64Array(bins + 1).fill(Number.NaN);
          rfftInto(randomArray(n, 99), 0, n, new Float64Array(bins), new Float64Array(bins), 0);
          rfftPaddedInto(x, off, stride, m, n, re, im, 1);
          const ref = reference(x, off, stride, m, n);
          const tag = `n=${n} stride=${stride} m=${m}`;
          expect(maxDiff(re.subarray(1), ref.re), tag).toBe(0);
          expect(maxDiff(im.subarray(1), ref.im), tag).toBe(0);
          expect(Number.isNaN(re[0]), tag).toBe(true);
        }
      }
    }
  });

  it("mixedRadix with upperHalfZero does not read the upper half, and agrees exactly", () => {
    for (const n of [3500, 20, 140]) {
      const plan = makeMixedRadixPlan(n);
      expect(canSkipZeroHalf(plan)).toBe(true);
      for (const sgn of [1, -1]) {
        const re = randomArray(n, n + sgn);
        const im = randomArray(n, n + 2 * sgn);
        re.fill(0, n / 2);
        im.fill(0, n / 2);
        const wantRe = re.slice();
        const wantIm = im.slice();
        mixedRadix(wantRe, wantIm, 0, plan, sgn);
        // garbage where zeros are promised: the pruned stage must not see it
        re.fill(1e300, n / 2);
        im.fill(Number.NaN, n / 2);
        mixedRadix(re, im, 0, plan, sgn, true);
        expect(maxDiff(re, wantRe), `n=${n} sgn=${sgn}`).toBe(0);
        expect(maxDiff(im, wantIm), `n=${n} sgn=${sgn}`).toBe(0);
      }
    }
    expect(canSkipZeroHalf(makeMixedRadixPlan(1750))).toBe(false);
  });

  it("matches the naive DFT of the padded signal (pruned first stage)", () => {
    const n = 40;
    const m = 20;
    const x = randomArray(m, 5);
    const padded = new Float64Array(n);
    padded.set(x);
    const want = naiveDft(padded, new Float64Array(n), false);
    const re = new Float64Array(n / 2 + 1);
    const im = new Float64Array(n / 2 + 1);
    rfftPaddedInto(x, 0, 1, m, n, re, im);
    const scale = maxAbs(want.re) + maxAbs(want.im);
    expect(maxDiff(re, want.re.subarray(0, n / 2 + 1)) / scale).toBeLessThan(1e-14);
    expect(maxDiff(im, want.im.subarray(0, n / 2 + 1)) / scale).toBeLessThan(1e-14);
  });

  it("irfftInto with count writes the first count samples of the full inverse", () => {
    for (const n of [7000, 4096, 15]) {
      const bins = (n >> 1) + 1;
      const re = randomArray(bins, n);
      const im = randomArray(bins, n + 1);
      const full = new Float64Array(n);
      irfftInto(re, im, 0, bins, n, full, 0);
      for (const count of [0, 1, n >> 1, (n >> 1) + 1, n]) {
        const out = new Float64Array(count + 2).fill(7);
        irfftInto(re, im, 0, bins, n, out, 1, count);
        expect(maxDiff(out.subarray(1, count + 1), full.subarray(0, count)), `${n}/${count}`).toBe(
          0,
        );
        expect([out[0], out[count + 1]]).toEqual([7, 7]);
      }
    }
  });

  it("rejects bad lengths, strides and counts", () => {
    const x = new Float64Array(8);
    const re = new Float64Array(5);
    const im = new Float64Array(5);
    expect(() => rfftPaddedInto(x, 0, 1, 9, 8, re, im)).toThrow(RangeError);
    expect(() => rfftPaddedInto(x, 0, 0, 4, 8, re, im)).toThrow(RangeError);
    expect(() => rfftPaddedInto(x, 0, 3, 4, 8, re, im)).toThrow(RangeError);
    expect(() => rfftPaddedInto(x, 0, 1, 4, 0, re, im)).toThrow(RangeError);
    expect(() => irfftInto(re, im, 0, 5, 8, x, 0, 9)).toThrow(RangeError);
  });
});
