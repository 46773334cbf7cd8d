/**
 * Column density, volume density, integrated optical depth and non-thermal pressure
 * (caribou_hi spec §1.2 items 8–11). N_HI = C_N · T_s · ∫τ dv with C_N = 1.82243e18.
 */
import { add, div, log10, mul, sub, type Tensor, type TensorLike } from "@sidereal/tensor";
import { COLUMN_DENSITY_CONST, LOG10_PC_CM, NONTHERMAL_PRESSURE_CONST } from "./constants.js";
import { type Numeric, type SameKind, sameKind } from "./numeric.js";

/** Tensor form of {@link calcLog10ColumnDensity}. */
export function calcLog10ColumnDensityTensor(tauTotal: TensorLike, spinTemp: TensorLike): Tensor {
  return log10(mul(COLUMN_DENSITY_CONST, mul(spinTemp, tauTotal)));
}

/** log10 N_HI (cm⁻²) = log10(C_N · T_s · τ_total), τ_total = ∫τ dv (km s⁻¹). */
export function calcLog10ColumnDensity<A extends Numeric, B extends Numeric>(
  tauTotal: A,
  spinTemp: B,
): SameKind<[A, B]> {
  return sameKind(calcLog10ColumnDensityTensor(tauTotal, spinTemp), [tauTotal, spinTemp]);
}

/** Tensor form of {@link calcLog10Density}. */
export function calcLog10DensityTensor(log10N: TensorLike, log10Depth: TensorLike): Tensor {
  return sub(sub(log10N, log10Depth), LOG10_PC_CM);
}

/** log10 n (cm⁻³) = log10 N − log10 d(pc) − 18.489351. */
export function calcLog10Density<A extends Numeric, B extends Numeric>(
  log10N: A,
  log10Depth: B,
): SameKind<[A, B]> {
  return sameKind(calcLog10DensityTensor(log10N, log10Depth), [log10N, log10Depth]);
}

/** Tensor form of {@link calcTauTotal}. */
export function calcTauTotalTensor(columnDensity: TensorLike, spinTemp: TensorLike): Tensor {
  return div(div(columnDensity, spinTemp), COLUMN_DENSITY_CONST);
}

/** Integrated optical depth τ_total (km s⁻¹) = N / T_s / C_N. */
export function calcTauTotal<A extends Numeric, B extends Numeric>(
  columnDensity: A,
  spinTemp: B,
): SameKind<[A, B]> {
  return sameKind(calcTauTotalTensor(columnDensity, spinTemp), [columnDensity, spinTemp]);
}

const LOG10_PNTH_CONST = Math.log10(NONTHERMAL_PRESSURE_CONST);

/** Tensor form of {@link calcLog10NonthermalPressure}. */
export function calcLog10NonthermalPressureTensor(
  log10Density: TensorLike,
  fwhm2Nonthermal: TensorLike,
): Tensor {
  return add(add(LOG10_PNTH_CONST, log10Density), log10(fwhm2Nonthermal));
}

/** log10 P_nth (K cm⁻³) = log10(671.8) + log10 n + log10(fwhm2_nonthermal). */
export function calcLog10NonthermalPressure<A extends Numeric, B extends Numeric>(
  log10Density: A,
  fwhm2Nonthermal: B,
): SameKind<[A, B]> {
  return sameKind(calcLog10NonthermalPressureTensor(log10Density, fwhm2Nonthermal), [
    log10Density,
    fwhm2Nonthermal,
  ]);
}
