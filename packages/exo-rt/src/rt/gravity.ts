/** Surface gravity helpers (ExoJAX `utils.astrofunc`, research/exojax.md §8). */
import { GRAVITY_JUPITER, LOG_GRAVITY_JUPITER } from "../constants.js";

/** g (cm/s²) for radius Rp (Jupiter radii) and mass Mp (Jupiter masses). */
export function gravityJupiter(rp: number, mp: number): number {
  return (GRAVITY_JUPITER * mp) / (rp * rp);
}

/** log10 g for Rp (R_J) and Mp (M_J). */
export function loggJupiter(rp: number, mp: number): number {
  return Math.log10(gravityJupiter(rp, mp));
}

/** Rp² (R_J²) from Mp (M_J) and log10 g: Mp 10^(log gJ − log g). */
export function squareRadiusFromMassLogg(mp: number, logg: number): number {
  return mp * 10 ** (LOG_GRAVITY_JUPITER - logg);
}
