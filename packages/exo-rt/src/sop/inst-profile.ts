/**
 * `SopInstProfile`: Gaussian instrumental profile and RV-shifted resampling onto an
 * observed grid (ExoJAX, research/exojax.md §10.2), differentiable in β and RV.
 */
import {
  add,
  div,
  exp,
  interp,
  mul,
  square,
  type Tensor,
  type TensorLike,
  toTensor,
} from "@sidereal/tensor";
import { C_KMS } from "../constants.js";
import { convolveNormalized, VelocityGridOperator } from "./convolve-same.js";

/** Gaussian σ (km/s) of an instrument with resolving power R (FWHM = c/R). */
export function resolutionToGaussianStd(resolution: number): number {
  return C_KMS / (2 * Math.sqrt(2 * Math.LN2) * resolution);
}

export class SopInstProfile extends VelocityGridOperator {
  constructor(nuGrid: Float64Array, vrmax = 100) {
    super(nuGrid, vrmax);
  }

  /** Convolution with exp(−(v/β)²/2), normalised to unit sum. */
  ipgauss(f: TensorLike, beta: TensorLike): Tensor {
    const k = exp(mul(square(div(this.velocity, beta)), -0.5));
    return convolveNormalized(f, k);
  }

  /** F at ν_obs (1 + RV/c) by linear interpolation (constant beyond the ends). */
  sampling(f: TensorLike, rv: TensorLike, nuObs: Float64Array): Tensor {
    const x = mul(toTensor(nuObs), add(1, div(rv, C_KMS)));
    return interp(x, this.nuGrid, f);
  }
}
