/**
 * Physical constants exactly as ExoJAX 2.0 uses them (cgs). Two different values of
 * h c / k are needed: ExoJAX's CODATA-2014 `hcperk` for every temperature scaling, and
 * RADIS's CODATA-2018 value only to build the 296 K ExoMol line strengths from Einstein
 * A coefficients (research/exojax.md §0, §2.4).
 */

/** h c / k_B in cm K (CODATA-2014), ExoJAX `hcperk`: all temperature scalings, Planck. */
export const HC_PER_K = 1.4387773538277202;
/** h c / k_B in cm K (CODATA-2018, RADIS): only for ExoMol S_ij(296 K). */
export const HC_PER_K_RADIS = ((6.62607015e-34 * 2.99792458e8) / 1.380649e-23) * 100;
/** Speed of light in cm/s (RADIS). */
export const C_CGS = 2.99792458e10;
/** Speed of light in km/s (velocity grids, RV, instrumental profile). */
export const C_KMS = 299792.458;
/** Reference temperature of line strengths and pressure widths (K). */
export const T_REF_ORIGINAL = 296.0;
/** Boltzmann constant in erg/K (CIA number densities). */
export const K_B = 1.38064852e-16;
/** log10 k_B (CIA opacity). */
export const LOG_K_B = -15.859916868309735;
/** Atomic mass unit in g. */
export const M_U = 1.66053904e-24;
/** log10 of the atomic mass unit in g (CIA opacity). */
export const LOG_M_U = -23.779750909492115;
/** 1 bar in dyn/cm² divided by m_u: line opacity factor. */
export const OPACITY_FACTOR = 6.022140858549162e29;
/** 2 π h c² (cgs): π B_ν in wavenumber units. */
export const FAC_PLANCK = 3.741771790075259e-5;
/** 1 / (4 π c) in cm⁻¹ s: natural width γ_nat = coefficient × A. */
export const GAMMA_NATURAL = 2.6544188e-12;
/** sqrt(k_B / m_u) / c: σ_D = DOPPLER_C3 × sqrt(T/M) × ν. */
export const DOPPLER_C3 = 3.0415595e-7;
/** Jupiter's surface gravity in cm/s² (ExoJAX `gJ`). */
export const GRAVITY_JUPITER = 2478.57730044555;
/** log10 of {@link GRAVITY_JUPITER} (ExoJAX `loggJ`). */
export const LOG_GRAVITY_JUPITER = 3.3942024679792957;
/** Jupiter radius in cm. */
export const R_JUPITER = 7.1492e9;
/** One atmosphere in bar (HITRAN pressure widths). */
export const P_ATM = 1.01325;
