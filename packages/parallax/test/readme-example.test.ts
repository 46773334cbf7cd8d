// The README example, kept runnable.
import { key } from "@sidereal/distributions";
import { expect, it } from "vitest";
import { EDSD, zeroPointL21, zeroPointL21Detailed } from "../src/index.js";

it("README example", () => {
  // EDSD prior with L = 370 pc.
  const prior = EDSD(370);
  expect(prior.mode.item()).toBe(740);
  expect(prior.logProb(1000).item()).toBeCloseTo(-7.320848342213184, 12); // scipy.stats.gamma(3, scale=370).logpdf(1000);
  expect(prior.cdf(prior.icdf(0.5)).item()).toBeCloseTo(0.5, 14);
  expect(prior.sample(key(0), [1000]).shape).toEqual([1000]);

  // L21 zero points (mas) of a 5p and a 6p star.
  const zp = zeroPointL21(
    [15.2, 17.9], // phot_g_mean_mag
    [1.52, Number.NaN], // nu_eff_used_in_astrometry (5p only)
    [Number.NaN, 1.45], // pseudocolour (6p only)
    [-5.6, -5.6], // ecl_lat [deg]
    [31, 95], // astrometric_params_solved
  );
  expect(Array.from(zp)).toEqual([-0.043897, -0.024474]); // NumPy transcription: same values;

  // Out of range (G > 21): NaN, and the count.
  const { zeroPoint, outOfRange } = zeroPointL21Detailed(21.3, 1.5, Number.NaN, 0, 31);
  expect(Number.isNaN(zeroPoint[0])).toBe(true);
  expect(outOfRange).toBe(1);
});
