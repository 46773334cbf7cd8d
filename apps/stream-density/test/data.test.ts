import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BUNDLED_GAUSSIAN_1D, loadGaussian1d, loadGd1 } from "../src/data.js";
import { GD1_KEPT, GD1_PHI1_SUM, GD1_PHI2_SUM, GD1_ROWS } from "./fixtures/reference.js";

const sidecar = JSON.parse(
  readFileSync(new URL("../data/gaussian_1d.json", import.meta.url), "utf8"),
) as {
  N: number;
  check_values: { first5: number[]; last: number; sample_mean: number; sample_std_ddof0: number };
};

describe("1-D Gaussian sample", () => {
  it("reads 100,000 float64 values matching the sidecar's check values (data/README.md)", () => {
    const z = loadGaussian1d();
    expect(z.length).toBe(sidecar.N);
    expect(Array.from(z.subarray(0, 5))).toEqual(sidecar.check_values.first5);
    expect(z[z.length - 1]).toBe(sidecar.check_values.last);
    const mean = z.reduce((s, v) => s + v, 0) / z.length;
    const std = Math.sqrt(z.reduce((s, v) => s + (v - mean) ** 2, 0) / z.length);
    // summation order differs from numpy's pairwise sum: 1e-12 relative
    expect(Math.abs(mean / sidecar.check_values.sample_mean - 1)).toBeLessThan(1e-12);
    expect(Math.abs(std / sidecar.check_values.sample_std_ddof0 - 1)).toBeLessThan(1e-12);
  });
  it("maxPoints keeps the first values; a missing file throws naming it", () => {
    expect(Array.from(loadGaussian1d(BUNDLED_GAUSSIAN_1D, 3))).toEqual(
      sidecar.check_values.first5.slice(0, 3),
    );
    expect(() => loadGaussian1d("/nope/z.f64")).toThrow(/\/nope\/z\.f64/);
  });
});

describe("GD-1 catalogue", () => {
  it("applies the seed's cut phi2 > -7: 3369 rows → 2960 stars (data/README.md)", () => {
    const cat = loadGd1();
    expect(cat.rowsInFile).toBe(3369);
    expect(GD1_ROWS).toBe(3369);
    expect(cat.phi1.length).toBe(2960);
    expect(GD1_KEPT).toBe(2960);
    for (const v of cat.phi2) expect(v).toBeGreaterThan(-7);
    for (const v of cat.phi1) {
      expect(v).toBeGreaterThan(-100);
      expect(v).toBeLessThan(20);
    }
    // same rows in the same order as the numpy reference (sums to 1e-12 relative)
    const s1 = cat.phi1.reduce((s, v) => s + v, 0);
    const s2 = cat.phi2.reduce((s, v) => s + v, 0);
    expect(Math.abs(s1 / GD1_PHI1_SUM - 1)).toBeLessThan(1e-12);
    expect(Math.abs(s2 / GD1_PHI2_SUM - 1)).toBeLessThan(1e-12);
  });
  it("maxStars thins evenly; a file without the columns fails naming the file", () => {
    const sub = loadGd1(undefined, 300);
    expect(sub.phi1.length).toBeLessThanOrEqual(300);
    expect(sub.phi1.length).toBeGreaterThan(250);
    expect(() => loadGd1(BUNDLED_GAUSSIAN_1D)).toThrow(/gaussian_1d\.f64/);
  });
});
