import { describe, expect, it } from "vitest";
import {
  deltaVelocityFromResolution,
  ExoInputError,
  logspace10,
  nxEvenFromResolutionEslog,
  resolutionEslog,
  velocityGrid,
  wavenumberGrid,
} from "../src/index.js";

// Reference numbers: research/exojax.md §1 (ExoJAX tutorial prints and unit tests).
describe("wavenumberGrid", () => {
  it("reproduces the tutorial grid (22920–23000 Å, 3500 points)", () => {
    const g = wavenumberGrid(22920, 23000, 3500, { unit: "AA", xsmode: "premodit" });
    expect(g.mode).toBe("ESLOG");
    expect(g.nu[0]).toBeCloseTo(4347.82608695652, 10);
    expect(g.nu[1]).toBeCloseTo(4347.830416548596, 10);
    expect(g.nu[3499]).toBeCloseTo(4363.001745200699, 10);
    // printed Resolution= 1004211.9840291934; last-ulp differences of 10**x give ~1e-13
    expect(Math.abs(g.resolution / 1004211.9840291934 - 1)).toBeLessThan(1e-12);
    expect(g.wavelength[0]).toBeCloseTo(23000, 8);
  });
  it("has the unit-test log spacing 8.54915417e-07 for 29200–29300 Å", () => {
    const g = wavenumberGrid(29200, 29300, 4000, { unit: "AA" });
    expect(Math.log(g.nu[1] / g.nu[0])).toBeCloseTo(8.54915417e-7, 15);
  });
  it("rejects odd N with a typed error", () => {
    expect(() => wavenumberGrid(4000, 4500, 101)).toThrow(ExoInputError);
  });
  it("ESLIN (dit) is linear in wavenumber", () => {
    const g = wavenumberGrid(4000, 4100, 100, { xsmode: "dit" });
    expect(g.mode).toBe("ESLIN");
    expect(g.nu[1] - g.nu[0]).toBeCloseTo(g.nu[99] - g.nu[98], 10);
  });
});

describe("resolution helpers", () => {
  it("resolutionEslog and nxEvenFromResolutionEslog match the unit test", () => {
    const nus = logspace10(4000, 4500, 100000);
    const r = resolutionEslog(nus);
    expect(r).toBeCloseTo(849010.2113833647, 4);
    expect(nxEvenFromResolutionEslog(4000, 4500, r)).toBe(100000);
  });
  it("velocity grid uses c ln(1 + 1/R) and Nk = floor(vmax/dv + 1)", () => {
    const r = 1004211.9840291934;
    expect(deltaVelocityFromResolution(r)).toBeCloseTo(0.29853488, 7);
    expect(velocityGrid(r, 100).length).toBe(671);
    expect(velocityGrid(r, 1000).length).toBe(6701);
  });
});
