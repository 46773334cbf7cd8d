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
} from "../../src/kernels/index.js";
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
