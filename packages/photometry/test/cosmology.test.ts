import { describe, expect, it } from "vitest";
import { luminosityDistanceMpc, photometricDistanceMpc, WMAP9 } from "../src/index.js";

// scipy.integrate.quad (epsrel 1e-13) of the same integral; they round to astropy's
// WMAP9.luminosity_distance values quoted in spec §3.5 (43.586, 465.281, …, 59188.169).
const REFERENCE: [number, number][] = [
  [0.001, 4.328155320018597],
  [0.01, 43.58597415245063],
  [0.1, 465.28059136148755],
  [0.5, 2874.1041258624596],
  [1, 6726.141242139805],
  [2, 15875.191123148152],
  [3, 26015.60734343569],
  [4, 36722.22316759132],
  [6, 59188.168859979945],
];

describe("WMAP9 distances", () => {
  it("densities as astropy's WMAP9 (spec §3.5)", () => {
    expect(WMAP9.Ogamma).toBeCloseTo(5.1426e-5, 8);
    expect(WMAP9.Onu).toBeCloseTo(3.5505e-5, 8);
    expect(WMAP9.Ode0).toBeCloseTo(0.713413, 6);
  });
  it("luminosity distances to 1e-11 relative of the quadrature reference", () => {
    for (const [z, d] of REFERENCE)
      expect(Math.abs(luminosityDistanceMpc(z) / d - 1)).toBeLessThan(1e-11);
  });
  it("the 10 pc rule at z = 0 only; NaN for negative or non-finite z", () => {
    expect(photometricDistanceMpc(0)).toBe(1e-5);
    expect(photometricDistanceMpc(1e-9)).toBeCloseTo((1e-9 * 299792.458) / 69.32, 12);
    expect(luminosityDistanceMpc(-1)).toBeNaN();
    expect(luminosityDistanceMpc(Number.NaN)).toBeNaN();
  });
});
