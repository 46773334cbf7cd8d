/**
 * Property tests (fast-check, fixed seed): single-cloud radiative transfer, unit area of the
 * line profiles, and the spin temperature bounded by T_R and T_k.
 */

import { tensor } from "@sidereal/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  calcPseudoVoigt,
  calcSpinTemp,
  gaussian,
  lorentzian,
  RADIATION_TEMP,
  radiativeTransfer,
} from "../src/index.js";

const FC = { seed: 26, numRuns: 200 };
const double = (min: number, max: number) =>
  fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

/** Composite Simpson's rule of samples y on a uniform grid of step h (odd length). */
function simpson(y: Float64Array, h: number): number {
  let s = y[0] + y[y.length - 1];
  for (let i = 1; i < y.length - 1; i++) s += (i % 2 === 1 ? 4 : 2) * y[i];
  return (s * h) / 3;
}

function grid(lo: number, hi: number, n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
}

describe("radiative transfer", () => {
  it("one cloud: T_B = f (T_s − T_bg)(1 − e^{−τ}) (relative 1e-12)", () => {
    fc.assert(
      fc.property(
        fc.array(double(0, 30), { minLength: 2, maxLength: 8 }),
        double(3, 10000),
        double(0, 1),
        double(0, 30),
        (taus, ts, f, bg) => {
          const tb = radiativeTransfer(
            tensor(Float64Array.from(taus), [taus.length, 1]),
            tensor([ts]),
            tensor([f]),
            bg,
          );
          taus.forEach((t, i) => {
            const expected = f * (ts - bg) * -Math.expm1(-t);
            expect(Math.abs(tb.data[i] - expected)).toBeLessThanOrEqual(
              1e-12 * (Math.abs(ts) + bg) * (Math.abs(f) + 1e-300) + 1e-13,
            );
          });
        },
      ),
      FC,
    );
  });
});

describe("line profiles integrate to 1", () => {
  it("gaussian over ±8 FWHM: 1 to 1e-9 (Simpson, 4001 points)", () => {
    fc.assert(
      fc.property(double(-50, 50), double(0.05, 40), (c, w) => {
        const x = grid(c - 8 * w, c + 8 * w, 4001);
        const area = simpson(gaussian(x, c, w), x[1] - x[0]);
        expect(Math.abs(area - 1)).toBeLessThan(1e-9);
      }),
      FC,
    );
  });
  it("lorentzian over ±K FWHM equals (2/π) atan(2K), → 1 as K → ∞ (1e-8)", () => {
    fc.assert(
      fc.property(double(-50, 50), double(0.05, 40), fc.integer({ min: 1, max: 20 }), (c, w, k) => {
        const x = grid(c - k * w, c + k * w, 20001);
        const area = simpson(lorentzian(x, c, w), x[1] - x[0]);
        expect(Math.abs(area - (2 / Math.PI) * Math.atan(2 * k))).toBeLessThan(1e-8);
      }),
      { ...FC, numRuns: 50 },
    );
  });
  it("pseudo-Voigt columns (fwhm_L = 0): area 1 over a wide axis (1e-9)", () => {
    fc.assert(
      fc.property(double(-5, 5), double(1, 400), (v, fwhm2) => {
        const x = grid(-200, 200, 8001);
        const p = calcPseudoVoigt(x, [v], [fwhm2], 0);
        expect(Math.abs(simpson(p, x[1] - x[0]) - 1)).toBeLessThan(1e-9);
      }),
      { ...FC, numRuns: 50 },
    );
  });
});

describe("spin temperature", () => {
  it("lies between T_R = 3.77 K and T_k", () => {
    fc.assert(
      fc.property(double(1, 30000), double(0, 1e5), double(0, 1e-3), (tk, n, na) => {
        const ts = calcSpinTemp(tk, n, na);
        const lo = Math.min(RADIATION_TEMP, tk);
        const hi = Math.max(RADIATION_TEMP, tk);
        expect(ts).toBeGreaterThanOrEqual(lo * (1 - 1e-14));
        expect(ts).toBeLessThanOrEqual(hi * (1 + 1e-14));
      }),
      FC,
    );
  });
});
