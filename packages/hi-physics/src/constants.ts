/**
 * Physical constants of caribou_hi's `physics` module, with the values exactly as in its
 * source (spec: caribou_hi.md §1.1), so that every derived number agrees to the last digit.
 */

/** Radiation temperature T_R (K): CMB + Galactic synchrotron, hard-coded in the spin temperature. */
export const RADIATION_TEMP = 3.77;

/** Lyα coupling coefficient: y_α = 5.9e11 · n_α / T^1.5 (Field 1958, assuming T_α = T_kin). */
export const LYA_COUPLING_COEFF = 5.9e11;

/** T* = hν/k_B of the 21-cm line (K). */
export const T_STAR = 0.0681;

/** Einstein A coefficient of the 21-cm line, A10 (s⁻¹). */
export const A10 = 2.8843e-15;

/** Collisional de-excitation rate k10 below 300 K: 1.19e-10 · T2^(0.74 − 0.20 ln T2) cm³ s⁻¹ (Draine 2011). */
export const K10_LOW_COEFF = 1.19e-10;

/** Collisional de-excitation rate k10 at or above 300 K: 2.24e-10 · T2^0.207 · e^(−0.876/T2) cm³ s⁻¹. */
export const K10_HIGH_COEFF = 2.24e-10;

/** Kinetic temperature (K) where k10 switches branch (strict test T < 300 uses the low branch). */
export const K10_SWITCH_TEMP = 300;

/** Thermal FWHM constant c_th (km s⁻¹ K^-½), Condon & Ransom eq. 7.35 (= sqrt(8 ln2 k / m_H)). */
export const THERMAL_FWHM_CONST = 0.2139;

/** Column-density constant C_N (cm⁻² (K km s⁻¹)⁻¹): N_HI = C_N · T_s · ∫τ dv. */
export const COLUMN_DENSITY_CONST = 1.82243e18;

/** log10 of one parsec in cm, as used by caribou_hi to turn N/n into a depth in pc. */
export const LOG10_PC_CM = 18.489351;

/** Non-thermal pressure constant of `calcLog10NonthermalPressure` (no citation in the source). */
export const NONTHERMAL_PRESSURE_CONST = 671.8;

/** C_G = sqrt(2π) / (2 sqrt(2 ln 2)): area of a unit-peak Gaussian divided by its FWHM. */
export const GAUSSIAN_AREA_CONST = Math.sqrt(2 * Math.PI) / (2 * Math.sqrt(2 * Math.LN2));

/** 4 ln2 / π: FWHM of the Gaussian equivalent to a boxcar channel, per channel width. */
export const CHANNEL_FWHM_FACTOR = (4 * Math.LN2) / Math.PI;

/** Pseudo-Voigt mixing polynomial η(r) = c1 r + c2 r² + c3 r³ (coefficients of caribou_hi). */
export const PSEUDO_VOIGT_ETA_COEFFS = [1.36603, -0.47719, 0.11116] as const;
