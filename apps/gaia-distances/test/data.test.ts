import { describe, expect, it } from "vitest";
import { loadM67 } from "../src/data.js";

describe("bundled M67 catalogue", () => {
  it("applies the seed's cuts: 5331 rows → 4300 stars with 0.2 < parallax < 3 mas", () => {
    const cat = loadM67();
    expect(cat.rowsInFile).toBe(5331);
    expect(cat.parallax.length).toBe(4300);
    for (let i = 0; i < cat.parallax.length; i++) {
      expect(cat.parallax[i]).toBeGreaterThan(0.2);
      expect(cat.parallax[i]).toBeLessThan(3);
      expect(cat.parallaxError[i]).toBeGreaterThan(0);
    }
  });
  it("keeps the original row order (the single-star example of the seed is index 3229)", () => {
    const cat = loadM67();
    const snr = Array.from(cat.parallax, (p, i) => p / cat.parallaxError[i]);
    const order = snr.map((_, i) => i).sort((a, b) => snr[a] - snr[b]);
    expect(order[115]).toBe(3229);
    // data/README.md: parallax 0.43385946615600457, parallax_error 0.8369098901748657 (float32-cast here)
    expect(cat.parallax[3229]).toBe(Math.fround(0.43385946615600457));
    expect(cat.parallaxError[3229]).toBe(Math.fround(0.8369098901748657));
  });
  it("computes the L21 zero points as the seed does (extrapolated, non-finite set to 0)", () => {
    const cat = loadM67();
    let zeros = 0;
    let sum = 0;
    for (const z of cat.zeroPoint) {
      if (z === 0) zeros++;
      sum += z;
    }
    // one star has no G magnitude; the mean over the 4,300 is -0.023489 mas with the NaN
    // excluded (packages/parallax README), i.e. -0.023489·4299/4300 here
    expect(zeros).toBe(1);
    expect(sum / cat.zeroPoint.length).toBeCloseTo((-0.023489 * 4299) / 4300, 5);
  });
  it("a missing file fails with a typed FITS error naming the file", () => {
    expect(() => loadM67("/nonexistent/m67.fits.gz")).toThrow(/m67\.fits\.gz/);
  });
});
