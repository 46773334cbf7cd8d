/**
 * A compact analytic simple stellar population (spec §3.8), in place of FSPS: L_ν(λ, age) in
 * L☉/Hz per M☉ formed, Kroupa IMF.
 *
 * - Main sequence: stars of mass M (M☉) shine with L = M^3.5 L☉ at T_eff = 5772 K · M^0.5 as
 *   black bodies, and live t_MS = 10 Gyr · M^−2.5; at age a the turnoff mass is
 *   M_to = (a / 10 Gyr)^−0.4.
 * - Giants: stars leave the main sequence at the rate φ(M_to)|dM_to/da| = φ(M_to)·0.4 M_to/a
 *   and each burns a post-main-sequence fuel of twice its main-sequence output
 *   (2·L·t_MS = 20 Gyr L☉ · M) as a black body of 4250 K for turnoff masses up to 2 M☉,
 *   hotter above (4250 K·(M_to/2)^0.3: the blue core-helium-burning phases of massive stars)
 *   (fuel-consumption theorem, Renzini & Buzzoni 1986). For an old population this puts about 65 % of the bolometric light in
 *   giants, as in real old populations (RGB + HB + AGB), and gives a 1e10 M☉ old population
 *   M_r ≈ −18.6.
 * - Metallicity: a tilt of every temperature by 10^(−0.05·logzsol) (metal-rich is redder).
 * - Remnants emit nothing; there is no nebular emission.
 */
import { IMF_MAX, IMF_MIN, imfDensity, imfMoment } from "./imf.js";
import { planckShapeInto } from "./planck.js";

const T_SUN = 5772;
const T_GIANT = 4250;
const MS_LIFETIME_SUN_GYR = 10;
const N_MASS_BINS = 240;
/** Post-main-sequence fuel in units of the main-sequence output of the same star. */
const PMS_FUEL = 2;

/** Temperature of the post-main-sequence stars of turnoff mass M_to (solar metallicity). */
export const giantTemperature = (mto: number): number => T_GIANT * Math.max(1, mto / 2) ** 0.3;

/** Turnoff mass at age a (Gyr). */
export const turnoffMass = (ageGyr: number): number => (ageGyr / MS_LIFETIME_SUN_GYR) ** -0.4;

/** Bolometric luminosity (L☉ per M☉ formed) of the main sequence and of the giants at age a. */
export function sspBolometric(ageGyr: number): { mainSequence: number; giants: number } {
  const mto = turnoffMass(ageGyr);
  const mainSequence = imfMoment(IMF_MIN, Math.min(mto, IMF_MAX), 3.5);
  const giants =
    mto >= IMF_MIN && mto <= IMF_MAX
      ? imfDensity(mto) * ((0.4 * mto) / ageGyr) * PMS_FUEL * MS_LIFETIME_SUN_GYR * mto
      : 0;
  return { mainSequence, giants };
}

/**
 * SSP spectra on `wavelength` (Å) at each age in `ages` (Gyr), for one metallicity: a
 * row-major [age][wavelength] table of L_ν (L☉/Hz per M☉ formed).
 */
export function sspTable(
  wavelength: ArrayLike<number>,
  ages: ArrayLike<number>,
  logzsol: number,
): Float64Array {
  const n = wavelength.length;
  const tilt = 10 ** (-0.05 * logzsol);
  const edges = new Float64Array(N_MASS_BINS + 1);
  for (let b = 0; b <= N_MASS_BINS; b++)
    edges[b] = IMF_MIN * (IMF_MAX / IMF_MIN) ** (b / N_MASS_BINS);
  // One black-body shape per mass bin (at the bin's geometric centre) and one for giants.
  const shapes = new Float64Array(N_MASS_BINS * n);
  for (let b = 0; b < N_MASS_BINS; b++) {
    const m = Math.sqrt(edges[b] * edges[b + 1]);
    planckShapeInto(wavelength, T_SUN * m ** 0.5 * tilt, shapes.subarray(b * n, (b + 1) * n));
  }
  const giantShape = new Float64Array(n);
  const table = new Float64Array(ages.length * n);
  for (let k = 0; k < ages.length; k++) {
    const row = table.subarray(k * n, (k + 1) * n);
    const mto = turnoffMass(ages[k]);
    for (let b = 0; b < N_MASS_BINS && edges[b] < mto; b++) {
      const lum = imfMoment(edges[b], Math.min(edges[b + 1], mto), 3.5);
      const s = shapes.subarray(b * n, (b + 1) * n);
      for (let i = 0; i < n; i++) row[i] += lum * s[i];
    }
    const g = sspBolometric(ages[k]).giants;
    if (g > 0) {
      planckShapeInto(wavelength, giantTemperature(mto) * tilt, giantShape);
      for (let i = 0; i < n; i++) row[i] += g * giantShape[i];
    }
  }
  return table;
}
