/**
 * Area-normalised line profiles (caribou_hi `gaussian`, `lorentzian`; spec §1.2 items 1–2).
 * Both integrate to 1 over x, in units of 1/[x].
 */
import {
  add,
  div,
  exp,
  mul,
  sqrt,
  square,
  sub,
  type Tensor,
  type TensorLike,
} from "@sidereal/tensor";
import { type Numeric, type SameKind, sameKind } from "./numeric.js";

const FOUR_LN2 = 4 * Math.LN2;

/** Tensor form of {@link gaussian}. */
export function gaussianTensor(x: TensorLike, center: TensorLike, fwhm: TensorLike): Tensor {
  const fwhm2 = square(fwhm);
  const norm = sqrt(div(FOUR_LN2 / Math.PI, fwhm2));
  return mul(norm, exp(div(mul(-FOUR_LN2, square(sub(x, center))), fwhm2)));
}

/**
 * Gaussian of unit area: G = sqrt(4 ln2 / (π fwhm²)) · exp(−4 ln2 (x − center)² / fwhm²).
 *
 * @example
 * gaussian(1, 0, 1); // => 0.05871482991872821 (= e^{−4 ln2}·sqrt(4 ln2/π))
 */
export function gaussian<A extends Numeric, B extends Numeric, C extends Numeric>(
  x: A,
  center: B,
  fwhm: C,
): SameKind<[A, B, C]> {
  return sameKind(gaussianTensor(x, center, fwhm), [x, center, fwhm]);
}

/** Tensor form of {@link lorentzian}. */
export function lorentzianTensor(x: TensorLike, center: TensorLike, fwhm: TensorLike): Tensor {
  const half = mul(0.5, fwhm);
  return div(mul(1 / (2 * Math.PI), fwhm), add(square(sub(x, center)), square(half)));
}

/**
 * Lorentzian of unit area: L = (fwhm / 2π) / ((x − center)² + (fwhm/2)²).
 *
 * @example
 * lorentzian(1, 0, 1); // => 1 / (2π · 1.25)
 */
export function lorentzian<A extends Numeric, B extends Numeric, C extends Numeric>(
  x: A,
  center: B,
  fwhm: C,
): SameKind<[A, B, C]> {
  return sameKind(lorentzianTensor(x, center, fwhm), [x, center, fwhm]);
}
