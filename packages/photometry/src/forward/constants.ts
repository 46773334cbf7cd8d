/**
 * Unit constants of Prospector's `SSPBasis.get_spectrum` (spec §3.5): spectra are L_ν in
 * L☉/Hz per M☉ formed; K turns them into an "absolute" flux at 10 pc.
 */

/** Speed of light in Å/s (Prospector's and sedpy's value). */
export const C_AA_PER_S = 2.998e18;
/** Solar luminosity, erg/s (Prospector). */
export const L_SUN_CGS = 3.846e33;
/** One parsec in cm (Prospector). */
export const PC_CM = 3.085677581467192e18;
/** K = L☉ / (4π (10 pc)²), erg/s/cm² per L☉. */
export const TO_CGS_AT_10PC = L_SUN_CGS / (4 * Math.PI * (10 * PC_CM) ** 2);
