import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Effect, Exit } from "effect";
import { describe, expect, it } from "vitest";
import {
  AB_FNU,
  cleanTransmission,
  effectiveWavelengths,
  FILTER_SETS,
  LIGHTSPEED_AA,
  loadFilterSet,
  loadFilters,
  makeFilter,
  projectFilter,
} from "../src/index.js";

// Spec §1.7: sedpy `wave_effective` of the shipped curves, Å (2 decimals; match testcube to 1e-12).
const LAMBDA_EFF: Record<string, number> = {
  u_sloan: 3545.97,
  g_sloan: 4669.64,
  r_sloan: 6156.35,
  i_sloan: 7470.6,
  z_sloan: 8917.6,
  i_kids: 7526.33,
  r_kids: 6259.21,
  wise_w1: 33461.02,
  DES_g: 4771.75,
  DES_r: 6388.82,
  DES_i: 7790.38,
  VISTA_Z: 8801.67,
  VISTA_Y: 10205.13,
  VISTA_J: 12513.83,
  VISTA_H: 16397.13,
  VISTA_Ks: 21392.23,
  FUV_galex: 1528.06,
  NUV_galex: 2271.13,
  u_cfhtl: 3786.44,
  g_cfhtl: 4808.46,
  r_cfhtl: 6227.03,
  i_cfhtl_new: 7510.89,
  z_cfhtl: 8837.53,
  wise_w2: 45952.09,
};

describe("filters", () => {
  const all = Effect.runSync(loadFilterSet("All"));
  it("filter sets have agnfinder's counts and order (All has 21, not the declared 12)", () => {
    expect(FILTER_SETS.DES).toEqual([
      "DES_g",
      "DES_i",
      "DES_r",
      "VISTA_H",
      "VISTA_J",
      "VISTA_Y",
      "VISTA_Z",
    ]);
    expect(FILTER_SETS.Euclid.length).toBe(8);
    expect(FILTER_SETS.Reliable.length).toBe(12);
    expect(all.length).toBe(21);
  });
  it("effective wavelengths match sedpy's (spec table, ±0.005 Å rounding)", () => {
    for (const f of all)
      expect(Math.abs(f.effectiveWavelength - LAMBDA_EFF[f.name])).toBeLessThan(0.0051);
    expect(effectiveWavelengths(all).length).toBe(21);
  });
  it("cleaning drops negatives and non-finite values, sorts, trims with one point kept each side", () => {
    const c = cleanTransmission({
      wavelength: Float64Array.from([5, 1, 2, 3, 4, 6, 7, 8]),
      transmission: Float64Array.from([1, 0, 0, 1e-7, 0.5, Number.NaN, -0.1, 0]),
    });
    // Valid and sorted: λ 1 2 3 4 5 8, T 0 0 1e-7 0.5 1 0; 1e-7 < 1e-5·max is trimmed but kept
    // as the one point before the first above-threshold sample (λ = 4).
    expect(Array.from(c.wavelength)).toEqual([3, 4, 5, 8]);
    expect(Array.from(c.transmission)).toEqual([1e-7, 0.5, 1, 0]);
  });
  it("a flat 3631 Jy source is 1 maggie in every filter", () => {
    const wave = new Float64Array(20000);
    const flam = new Float64Array(20000);
    for (let i = 0; i < wave.length; i++) {
      wave[i] = 500 * 1.0003 ** i;
      flam[i] = (AB_FNU * LIGHTSPEED_AA) / (wave[i] * wave[i]);
    }
    // The zero point is a trapezoid on the filter's own grid (25 Å steps for SDSS), the counts
    // one on the fine source grid: they differ by the trapezoid error of the coarse grid, of
    // order (Δλ/λ)² ~ 1e-4 (measured at most 8.8e-5). VISTA_Z, once its negative values are
    // dropped, has a 10,889 Å gap (9455 → 20344 Å) bridged by one trapezoid: 1.9e-3 there.
    for (const f of all)
      expect(Math.abs(projectFilter(f, wave, flam) - 1)).toBeLessThan(
        f.name === "VISTA_Z" ? 2.5e-3 : 2e-4,
      );
  });
  it("a spectrum that misses the filter gives NaN (as sedpy)", () => {
    const f = makeFilter("box", {
      wavelength: Float64Array.from([5000, 5001, 6000, 6001]),
      transmission: Float64Array.from([0, 1, 1, 0]),
    });
    expect(projectFilter(f, [100, 200, 300], [1, 1, 1])).toBeNaN();
  });
  it("user filters from sedpy-style .par files; bad files are DataFileErrors naming the file", () => {
    const dir = mkdtempSync(join(tmpdir(), "par-"));
    const good = join(dir, "box.par");
    writeFileSync(good, "# a box\n4000 0\n4001 1\n5000 1\n5001 0\n");
    const [box] = Effect.runSync(loadFilters([good]));
    expect(box.name).toBe("box");
    expect(box.effectiveWavelength).toBeGreaterThan(4000);
    expect(box.effectiveWavelength).toBeLessThan(5001);
    const bad = join(dir, "bad.par");
    writeFileSync(bad, "4000 0\n4001 abc\n");
    const exit = Effect.runSyncExit(loadFilters([bad]));
    expect(Exit.isFailure(exit)).toBe(true);
    const err = Effect.runSync(Effect.flip(loadFilters([bad])));
    expect(err._tag).toBe("DataFileError");
    expect(err.file).toBe(bad);
    expect(Effect.runSync(Effect.flip(loadFilters(["Hubble_F999W"]))).reason).toMatch(
      /no bundled filter/,
    );
  });
});
