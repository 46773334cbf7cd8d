/**
 * The models' fused optical depth τ_total · pseudo-Voigt (the Gaussian case folds the amplitude
 * into the exponent) equals the product of the public functions, and differentiates correctly.
 */
import { expandDims, mul, tensor } from "@sidereal/tensor";
import { describe, expect, it } from "vitest";
import { calcPseudoVoigtTensor } from "../src/index.js";
import { cloudOpticalDepth } from "../src/optical-depth.js";
import { checkGradient } from "./helpers/gradcheck.js";

const axis = tensor(Float64Array.from({ length: 200 }, (_, i) => -60 + (120 * i) / 199));
const v = tensor([-5, 5, 10]);
const w2 = tensor([5.26, 34.85, 444.48]);
const t = tensor([3.01, 0.142, 0.0378]);

describe("cloudOpticalDepth", () => {
  it("Gaussian lines: equals τ_total · calcPseudoVoigt (relative 8ε·(1 + |ln τ|))", () => {
    // exp(y) inherits the absolute rounding of its argument y ≈ ln τ, i.e. a relative error of
    // a few ε·|ln τ| (the two forms round the argument differently): ~1e-16 at the line
    // centre, ~1e-12 in the far wings where τ ~ 1e-233.
    const fused = cloudOpticalDepth(axis, v, w2, 0, t);
    const plain = mul(expandDims(t, -2), calcPseudoVoigtTensor(axis, v, w2, 0));
    expect(fused.shape).toEqual([200, 3]);
    for (let i = 0; i < plain.size; i++)
      // below 1e-290 the doubles approach the subnormal range (no relative precision left)
      if (plain.data[i] < 1e-290) expect(fused.data[i]).toBeLessThan(1e-289);
      else
        expect(Math.abs(fused.data[i] - plain.data[i])).toBeLessThanOrEqual(
          8 * 2.2e-16 * (1 + Math.abs(Math.log(plain.data[i]))) * plain.data[i],
        );
  });
  it("with a Lorentzian part: the general product", () => {
    const fused = cloudOpticalDepth(axis, v, w2, tensor([0.5, 1, 2]), t);
    const plain = mul(expandDims(t, -2), calcPseudoVoigtTensor(axis, v, w2, tensor([0.5, 1, 2])));
    expect(Array.from(fused.data)).toEqual(Array.from(plain.data));
  });
  it("gradients vs finite differences", () => {
    const small = tensor(Float64Array.from({ length: 15 }, (_, i) => -14 + 2 * i));
    checkGradient(
      (a, b, c) => cloudOpticalDepth(small, a, b, 0, c),
      [Float64Array.from([-3, 4]), Float64Array.from([9, 30]), Float64Array.from([1.5, 0.2])],
    );
  });
});
