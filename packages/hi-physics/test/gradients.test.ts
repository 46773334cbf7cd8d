/**
 * Reverse-mode gradients of every physics function against central finite differences
 * (step 1e-6·|x|; agreement to 1e-6 relative, the truncation + rounding error of the
 * central difference at that step for these smooth functions), at points inside each
 * function's domain (both k10 branches for the spin temperature).
 */
import { reshape, type Tensor, tensor } from "@sidereal/tensor";
import { describe, it } from "vitest";
import {
  absorptionSpectrumTensor,
  calcDepthNonthermalTensor,
  calcKineticTempTensor,
  calcLog10ColumnDensityTensor,
  calcLog10DensityTensor,
  calcLog10NonthermalPressureTensor,
  calcNonthermalFwhmTensor,
  calcPseudoVoigtTensor,
  calcSpinTempTensor,
  calcTauTotalTensor,
  calcThermalFwhm2Tensor,
  gaussianTensor,
  lorentzianTensor,
  radiativeTransferTensor,
} from "../src/index.js";
import { checkGradient } from "./helpers/gradcheck.js";

const a = (...x: number[]) => Float64Array.from(x);

describe("gradients vs central finite differences", () => {
  it("gaussian, lorentzian", () => {
    checkGradient(gaussianTensor, [a(-1.3, 0.2, 2.5), a(0.1, -0.4, 1.9), a(1.2, 2.0, 0.8)]);
    checkGradient(lorentzianTensor, [a(-1.3, 0.2, 2.5), a(0.1, -0.4, 1.9), a(1.2, 2.0, 0.8)]);
  });
  it("calcSpinTemp on both sides of 300 K", () => {
    checkGradient(calcSpinTempTensor, [
      a(40, 250, 299, 301, 800, 6000),
      a(30, 1, 0.5, 2, 10, 0.3),
      a(1e-6, 2e-6, 5e-7, 3e-6, 1e-5, 1e-6),
    ]);
  });
  it("line widths and their inverses", () => {
    checkGradient(calcThermalFwhm2Tensor, [a(50, 300, 5000)]);
    checkGradient(calcKineticTempTensor, [a(0.5, 30, 400)]);
    checkGradient(calcNonthermalFwhmTensor, [a(5, 25, 300), a(1.25, 1.75, 1.5), a(0.2, 0.3, 0.4)]);
    checkGradient(calcDepthNonthermalTensor, [
      a(1.7, 3.1, 5.2),
      a(1.25, 1.75, 1.5),
      a(0.2, 0.3, 0.4),
    ]);
  });
  it("column density, density, tau_total, non-thermal pressure", () => {
    checkGradient(calcLog10ColumnDensityTensor, [a(3.0, 0.14, 0.038), a(50, 298, 4250)]);
    checkGradient(calcLog10DensityTensor, [a(20.4, 19.9, 20.5), a(0.7, 1.4, 2.5)]);
    checkGradient((n, t) => calcTauTotalTensor(n, t), [a(2.7, 0.77, 2.9), a(50, 298, 4250)]);
    checkGradient(calcLog10NonthermalPressureTensor, [a(1.25, 0, -0.5), a(3.1, 20, 400)]);
  });
  it("calcPseudoVoigt in velocity, fwhm2 and per-cloud fwhm_L", () => {
    const axis = tensor(a(-6, -4.5, -3, -1.5, 0, 1.5, 3, 4.5, 6));
    checkGradient(
      (v, w, l) => calcPseudoVoigtTensor(axis, v, w, l),
      [a(-1, 2), a(4, 9), a(0.5, 2)],
    );
  });
  it("radiativeTransfer in τ, T_s, f and T_bg; absorption in τ and w", () => {
    const shape = (t: Tensor) => reshape(t, [4, 3]);
    const tau = a(0.1, 2.0, 0.3, 0.5, 0.01, 1.2, 3.0, 0.2, 0.05, 0.7, 0.9, 0.4);
    checkGradient(
      (t, ts, f, bg) => radiativeTransferTensor(shape(t), ts, f, reshape(bg, [])),
      [tau, a(40, 300, 4000), a(0.2, 0.8, 1.0), a(3.77)],
    );
    checkGradient((t, w) => absorptionSpectrumTensor(shape(t), w), [tau, a(0.9, 0.8, 1.0)]);
  });
});
