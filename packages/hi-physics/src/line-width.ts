/**
 * Thermal and non-thermal line widths (caribou_hi spec §1.2 items 4–7): the thermal FWHM²
 * c_th² · T and its inverse, and the size–linewidth law fwhm_nth = a · d^p and its inverse.
 */
import { div, mul, pow, type Tensor, type TensorLike } from "@sidereal/tensor";
import { THERMAL_FWHM_CONST } from "./constants.js";
import { type Numeric, type SameKind, sameKind } from "./numeric.js";

const CTH2 = THERMAL_FWHM_CONST * THERMAL_FWHM_CONST;

/** Tensor form of {@link calcThermalFwhm2}. */
export function calcThermalFwhm2Tensor(kineticTemp: TensorLike): Tensor {
  return mul(CTH2, kineticTemp);
}

/** Thermal FWHM² (km² s⁻²) = c_th² · T_k, c_th = 0.2139 km s⁻¹ K^-½. */
export function calcThermalFwhm2<A extends Numeric>(kineticTemp: A): SameKind<[A]> {
  return sameKind(calcThermalFwhm2Tensor(kineticTemp), [kineticTemp]);
}

/** Tensor form of {@link calcKineticTemp}. */
export function calcKineticTempTensor(thermalFwhm2: TensorLike): Tensor {
  return div(thermalFwhm2, CTH2);
}

/** Kinetic temperature (K) = thermal FWHM² / c_th² (inverse of {@link calcThermalFwhm2}). */
export function calcKineticTemp<A extends Numeric>(thermalFwhm2: A): SameKind<[A]> {
  return sameKind(calcKineticTempTensor(thermalFwhm2), [thermalFwhm2]);
}

/** Tensor form of {@link calcNonthermalFwhm}. */
export function calcNonthermalFwhmTensor(
  depth: TensorLike,
  nthFwhm1pc: TensorLike,
  depthNthFwhmPower: TensorLike,
): Tensor {
  return mul(nthFwhm1pc, pow(depth, depthNthFwhmPower));
}

/**
 * Non-thermal FWHM (km s⁻¹) from the size–linewidth law a · d^p: depth d (pc), FWHM at 1 pc a,
 * power p.
 */
export function calcNonthermalFwhm<A extends Numeric, B extends Numeric, C extends Numeric>(
  depth: A,
  nthFwhm1pc: B,
  depthNthFwhmPower: C,
): SameKind<[A, B, C]> {
  return sameKind(calcNonthermalFwhmTensor(depth, nthFwhm1pc, depthNthFwhmPower), [
    depth,
    nthFwhm1pc,
    depthNthFwhmPower,
  ]);
}

/** Tensor form of {@link calcDepthNonthermal}. */
export function calcDepthNonthermalTensor(
  fwhmNonthermal: TensorLike,
  nthFwhm1pc: TensorLike,
  depthNthFwhmPower: TensorLike,
): Tensor {
  return pow(div(fwhmNonthermal, nthFwhm1pc), div(1, depthNthFwhmPower));
}

/** Depth (pc) = (fwhm_nth / a)^(1/p) (inverse of {@link calcNonthermalFwhm}). */
export function calcDepthNonthermal<A extends Numeric, B extends Numeric, C extends Numeric>(
  fwhmNonthermal: A,
  nthFwhm1pc: B,
  depthNthFwhmPower: C,
): SameKind<[A, B, C]> {
  return sameKind(calcDepthNonthermalTensor(fwhmNonthermal, nthFwhm1pc, depthNthFwhmPower), [
    fwhmNonthermal,
    nthFwhm1pc,
    depthNthFwhmPower,
  ]);
}
