/**
 * A compact analytic simple stellar population (spec §3.8), in place of FSPS: L_ν(λ, age) in
 * L☉/Hz per M☉ formed, Kroupa IMF.
 *
 * - Main sequence: stars of mass M (M☉) shine as black bodies at T_eff = 5772 K · M^0.5 with
 *   L = M^3.5 L☉ and live t_MS = 10 Gyr · M^−2.5 (the spec's relations) up to 10 M☉; above,
 *   massive stars flatten towards the Eddington regime: L = 3162 L☉ · (M/10)^2.5 and
 *   t_MS = 31.6 Myr · (M/10)^−1 (a 100 M☉ star: 1e6 L☉ for 3 Myr, as observed, instead of 1e7 L☉
 *   for 0.1 Myr, which made very young populations ~10× too bright).
 * - Giants: stars leave the main sequence at the rate φ(M_to)|dM_to/da| = φ(M_to)·M_to/(p·a)
 *   (p the local slope of t_MS(M)) and each burns a post-main-sequence fuel of twice its
 *   main-sequence output (2·L·t_MS) as a black body of 4250 K for turnoff masses up to 2 M☉,
 *   hotter above (4250 K·(M_to/2)^0.3: the blue core-helium-burning phases of massive stars)
 *   (fuel-consumption theorem, Renzini & Buzzoni 1986). For an old population this puts about
 *   65 % of the bolometric light in giants, as in real old populations (RGB + HB + AGB), and
 *   gives a 1e10 M☉ old population M_r ≈ −18.6.
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

/** Where the massive-star relations take over (M☉). */
const M_BREAK = 10;
const L_BREAK = M_BREAK ** 3.5;
const T_BREAK_GYR = MS_LIFETIME_SUN_GYR * M_BREAK ** -2.5;

/** Main-sequence luminosity of a star of mass M, L☉. */
export const msLuminosity = (m: number): number =>
  m <= M_BREAK ? m ** 3.5 : L_BREAK * (m / M_BREAK) ** 2.5;

/** Main-sequence lifetime of a star of mass M, Gyr. */
export const msLifetime = (m: number): number =>
  m <= M_BREAK ? MS_LIFETIME_SUN_GYR * m ** -2.5 : T_BREAK_GYR * (m / M_BREAK) ** -1;

/** Turnoff mass at age a (Gyr): the inverse of `msLifetime`. */
export const turnoffMass = (ageGyr: number): number =>
  ageGyr >= T_BREAK_GYR ? (ageGyr / MS_LIFETIME_SUN_GYR) ** -0.4 : M_BREAK * (T_BREAK_GYR / ageGyr);

/** ∫ φ(M) L(M) dM over [a, b], per M☉ formed. */
function luminosityMoment(a: number, b: number): number {
  const low = imfMoment(a, Math.min(b, M_BREAK), 3.5);
  const high =
    b > M_BREAK ? L_BREAK * M_BREAK ** -2.5 * imfMoment(Math.max(a, M_BREAK), b, 2.5) : 0;
  return low + high;
}

/** Bolometric luminosity (L☉ per M☉ formed) of the main sequence and of the giants at age a. */
export function sspBolometric(ageGyr: number): { mainSequence: number; giants: number } {
  const mto = turnoffMass(ageGyr);
  const mainSequence = luminosityMoment(IMF_MIN, Math.min(mto, IMF_MAX));
  const slope = mto <= M_BREAK ? 2.5 : 1;
  const giants =
    mto >= IMF_MIN && mto <= IMF_MAX
      ? imfDensity(mto) * (mto / (slope * ageGyr)) * PMS_FUEL * msLuminosity(mto) * msLifetime(mto)
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
      const lum = luminosityMoment(edges[b], Math.min(edges[b + 1], mto));
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
