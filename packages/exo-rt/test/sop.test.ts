import { convolve, linspace, sum, tensor } from "@sidereal/tensor";
import { describe, expect, it } from "vitest";
import {
  convolveSame,
  resolutionToGaussianStd,
  rotationKernel,
  SopInstProfile,
  SopRotation,
  wavenumberGrid,
} from "../src/index.js";

describe("spectral operators (research/exojax.md §10)", () => {
  it("rotation kernel sum 143.85559 (ExoJAX unit test), also on [-2, 2]", () => {
    expect(sum(rotationKernel(linspace(-1, 1, 101), 0.1, 0.1)).item()).toBeCloseTo(143.85559, 4); // ExoJAX: float32-era value
    expect(sum(rotationKernel(linspace(-2, 2, 201), 0.1, 0.1)).item()).toBeCloseTo(143.85559, 4); // ExoJAX: float32-era value
  });
  it("resolutionToGaussianStd: R = 1e5 and the tutorial's R = 70000", () => {
    expect(resolutionToGaussianStd(1e5)).toBeCloseTo(1.2731013507066515, 14);
    expect(resolutionToGaussianStd(70000)).toBeCloseTo(1.8187162152952165, 14);
  });
  it("kernel lengths: 671 taps (vsini_max 100) and 6701 (vrmax 1000) on the tutorial grid", () => {
    const nu = wavenumberGrid(22920, 23000, 3500, { unit: "AA" }).nu;
    expect(new SopRotation(nu, 100).velocity.length).toBe(671);
    expect(new SopInstProfile(nu, 1000).velocity.length).toBe(6701);
  });
  it("convolveSame is numpy 'same' for short kernels and keeps N samples for long ones", () => {
    const f = tensor([1, 2, 3, 4, 5, 6]);
    const k = tensor([0.25, 0.5, 0.25]);
    expect(convolveSame(f, k).toArray()).toEqual(convolve(f, k, "same").toArray());
    const long = tensor(Array.from({ length: 9 }, (_, i) => i + 1));
    const out = convolveSame(f, long).toArray();
    expect(out.length).toBe(6);
    // sample i = sum_m f_m K_{i - m + 4}
    let s0 = 0;
    for (let m = 0; m < 6; m++) if (4 - m >= 0) s0 += (m + 1) * (4 - m + 1);
    expect(out[0]).toBe(s0);
  });
  it("rotation and IP preserve a flat spectrum away from the edges; sampling shifts by RV", () => {
    const nu = wavenumberGrid(22920, 23000, 3500, { unit: "AA" }).nu;
    const flat = new Float64Array(nu.length).fill(2);
    const rot = new SopRotation(nu, 100).rigidRotation(flat, 10, 0.3, 0.2).toArray();
    expect(rot[1750]).toBeCloseTo(2, 12);
    const inst = new SopInstProfile(nu, 1000);
    expect(inst.ipgauss(flat, resolutionToGaussianStd(70000)).toArray()[1750]).toBeCloseTo(2, 12);
    // a line at ν0 appears at ν0/(1 + RV/c): sampling F(ν) = ν at ν_obs gives ν_obs (1 + RV/c)
    const obs = nu.slice(100, 110);
    const s = inst.sampling(nu, 40, obs).toArray();
    expect(s[0] / obs[0]).toBeCloseTo(1 + 40 / 299792.458, 12);
  });
});
