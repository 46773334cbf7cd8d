/**
 * caribou_hi's `calc_pseudo_voigt` (spec §1.2 item 12): per-cloud line profiles on a spectral
 * axis, S×N, in km⁻¹ s. The channel boxcar is approximated by adding its equivalent-Gaussian
 * FWHM (4 ln2/π · Δ, Δ = |x₁ − x₀|, only the first two samples are used: a uniform grid is
 * assumed) in quadrature, W = sqrt(fwhm2 + channel_fwhm² + fwhm_L²); the profile is
 * η·L(W) + (1 − η)·G(W) with r = fwhm_L/W and η = 1.36603 r − 0.47719 r² + 0.11116 r³ (both
 * components use the same width W). With fwhm_L = 0 it is a pure Gaussian.
 */
import {
  abs,
  add,
  div,
  expandDims,
  mul,
  reshape,
  slice,
  sqrt,
  square,
  sub,
  type Tensor,
  type TensorLike,
  toTensor,
} from "@sidereal/tensor";
import { CHANNEL_FWHM_FACTOR, PSEUDO_VOIGT_ETA_COEFFS } from "./constants.js";
import { HiPhysicsError } from "./errors.js";
import { gaussianTensor, lorentzianTensor } from "./line-profiles.js";
import { type Numeric, perCloud, type SameKind, sameKind } from "./numeric.js";

/** Equivalent-Gaussian FWHM of the channel boxcar, (4 ln2/π)·|x₁ − x₀| (a scalar tensor). */
export function channelFwhm(axis: Tensor): Tensor {
  return mul(
    CHANNEL_FWHM_FACTOR,
    reshape(abs(sub(slice(axis, [[1, 2]]), slice(axis, [[0, 1]]))), []),
  );
}

/** Tensor form of {@link calcPseudoVoigt}: [..., S, N]. */
export function calcPseudoVoigtTensor(
  veloAxis: TensorLike,
  velocity: TensorLike,
  fwhm2: TensorLike,
  fwhmL: TensorLike = 0,
): Tensor {
  const axis = toTensor(veloAxis);
  if (axis.rank !== 1 || axis.shape[0] < 2)
    throw new HiPhysicsError({
      function: "calcPseudoVoigt",
      argument: "veloAxis",
      message: `veloAxis must be a 1-D axis of at least 2 channels, got shape [${axis.shape.join(", ")}]`,
    });
  const channel = channelFwhm(axis);
  const x = expandDims(axis, -1);
  const center = perCloud(velocity);
  if (fwhmL === 0) {
    // η = 0 exactly: the pure Gaussian of W = sqrt(fwhm2 + channel_fwhm²), the same numbers as
    // the general branch (0·L + 1·G) at half the cost.
    return gaussianTensor(x, center, sqrt(add(perCloud(fwhm2), square(channel))));
  }
  const fL = perCloud(fwhmL);
  const width = sqrt(add(add(perCloud(fwhm2), square(channel)), square(fL)));
  const r = div(fL, width);
  const [c1, c2, c3] = PSEUDO_VOIGT_ETA_COEFFS;
  const eta = mul(r, add(c1, mul(r, add(c2, mul(c3, r)))));
  const lorentz = lorentzianTensor(x, center, width);
  const gauss = gaussianTensor(x, center, width);
  return add(mul(eta, lorentz), mul(sub(1, eta), gauss));
}

/**
 * Pseudo-Voigt line profiles of N clouds on a spectral axis of S channels → S×N (see the
 * module doc). `fwhmL` is a scalar shared by all clouds or one value per cloud.
 */
export function calcPseudoVoigt<
  A extends Numeric,
  B extends Numeric,
  C extends Numeric,
  D extends Numeric = number,
>(veloAxis: A, velocity: B, fwhm2: C, fwhmL?: D): SameKind<[A, B, C, D]> {
  const l = fwhmL ?? 0;
  return sameKind(calcPseudoVoigtTensor(veloAxis, velocity, fwhm2, l), [
    veloAxis,
    velocity,
    fwhm2,
    l,
  ]) as SameKind<[A, B, C, D]>;
}
