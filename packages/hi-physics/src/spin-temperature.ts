/**
 * Spin temperature of the 21-cm line (caribou_hi `calc_spin_temp`, after Kim et al. 2014,
 * ApJ 786, 64, eq. 4; spec §1.2 item 3): collisional and Lyα coupling pull T_s from the
 * radiation temperature T_R = 3.77 K towards the kinetic temperature T_k,
 *
 *   y_α = 5.9e11 · n_α / T^1.5,   y_c = T* · n · k10(T) / (T · A10),
 *   T_s = (T_R + y_c T + y_α T) / (1 + y_c + y_α),
 *
 * with k10 from Draine (2011), two branches split by the strict test T < 300 K (both are
 * evaluated; `where` picks one, so the function traces to a static graph).
 */
import {
  add,
  div,
  exp,
  log,
  lt,
  mul,
  pow,
  type Tensor,
  type TensorLike,
  where,
} from "@sidereal/tensor";
import {
  A10,
  K10_HIGH_COEFF,
  K10_LOW_COEFF,
  K10_SWITCH_TEMP,
  LYA_COUPLING_COEFF,
  RADIATION_TEMP,
  T_STAR,
} from "./constants.js";
import { type Numeric, type SameKind, sameKind } from "./numeric.js";

/** Collisional de-excitation rate k10(T) in cm³ s⁻¹ (Draine 2011), both branches. */
export function collisionRateK10(kineticTemp: TensorLike): Tensor {
  const t2 = div(kineticTemp, 100);
  const lnT2 = log(t2);
  // T2^(0.74 − 0.20 ln T2) = exp((0.74 − 0.20 ln T2) · ln T2)
  const low = mul(K10_LOW_COEFF, exp(mul(add(0.74, mul(-0.2, lnT2)), lnT2)));
  const high = mul(K10_HIGH_COEFF, mul(exp(mul(0.207, lnT2)), exp(div(-0.876, t2))));
  return where(lt(kineticTemp, K10_SWITCH_TEMP), low, high);
}

/** Tensor form of {@link calcSpinTemp}. */
export function calcSpinTempTensor(
  kineticTemp: TensorLike,
  density: TensorLike,
  nAlpha: TensorLike,
): Tensor {
  const yAlpha = div(mul(LYA_COUPLING_COEFF, nAlpha), pow(kineticTemp, 1.5));
  const yC = div(mul(T_STAR, mul(density, collisionRateK10(kineticTemp))), mul(kineticTemp, A10));
  const numerator = add(RADIATION_TEMP, mul(add(yC, yAlpha), kineticTemp));
  return div(numerator, add(1, add(yC, yAlpha)));
}

/**
 * Spin temperature T_s (K) from kinetic temperature (K), HI density n (cm⁻³) and Lyα photon
 * density n_α (cm⁻³). T_s → 3.77 K when n = n_α = 0, → T_k when the coupling is strong.
 *
 * @example
 * calcSpinTemp(1000, 1000, 1e-6); // => 999.8726624383703
 */
export function calcSpinTemp<A extends Numeric, B extends Numeric, C extends Numeric>(
  kineticTemp: A,
  density: B,
  nAlpha: C,
): SameKind<[A, B, C]> {
  return sameKind(calcSpinTempTensor(kineticTemp, density, nAlpha), [kineticTemp, density, nAlpha]);
}
