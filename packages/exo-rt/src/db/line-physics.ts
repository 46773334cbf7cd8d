/**
 * Line strengths and widths (research/exojax.md §2.4, §2.7, §2.8).
 */
import {
  C_CGS,
  DOPPLER_C3,
  GAMMA_NATURAL,
  HC_PER_K,
  HC_PER_K_RADIS,
  P_ATM,
  T_REF_ORIGINAL,
} from "../constants.js";

/**
 * ExoMol reference line strength at 296 K (cm/molecule, abundance 1), RADIS form with the
 * CODATA-2018 h c/k: A g_up e^{−c2 E/296} (1 − e^{−c2 ν/296}) / (8 π c ν² Q(296)).
 */
export function sij0FromEinsteinA(
  a: number,
  gup: number,
  elower: number,
  nu: number,
  q296: number,
): number {
  const c2 = HC_PER_K_RADIS;
  return (
    (a *
      gup *
      Math.exp((-c2 * elower) / T_REF_ORIGINAL) *
      (1 - Math.exp((-c2 * nu) / T_REF_ORIGINAL))) /
    (8 * Math.PI * C_CGS * nu * nu * q296)
  );
}

/**
 * Line strength at T from the 296 K value (ExoJAX numpy form, c2 = hcperk):
 * S(T) = S0 e^{−c2 E (1/T − 1/Tref)} expm1(−c2 ν/T)/expm1(−c2 ν/Tref) / qr.
 */
export function lineStrength(
  sij0: number,
  elower: number,
  nu: number,
  t: number,
  qr: number,
  tref = T_REF_ORIGINAL,
): number {
  const c2 = HC_PER_K;
  return (
    (sij0 * Math.exp(-c2 * elower * (1 / t - 1 / tref)) * Math.expm1((-c2 * nu) / t)) /
    Math.expm1((-c2 * nu) / tref) /
    qr
  );
}

/**
 * Line strength at T in ExoJAX's jnp form used by LPF/MODIT:
 * exp(ln S0 − c2 (E/T − E/Tref)) / qr × (1 − e^{−c2 ν/T}) / (1 − e^{−c2 ν/Tref}).
 */
export function lineStrengthJax(
  logsij0: number,
  elower: number,
  nu: number,
  t: number,
  qr: number,
  tref = T_REF_ORIGINAL,
): number {
  const c2 = HC_PER_K;
  return (
    (Math.exp(logsij0 - c2 * (elower / t - elower / tref)) / qr) *
    ((1 - Math.exp((-c2 * nu) / t)) / (1 - Math.exp((-c2 * nu) / tref)))
  );
}

/** ExoMol pressure HWHM (cm⁻¹): α_ref P (296/T)^n. */
export function gammaExomol(p: number, t: number, nTexp: number, alphaRef: number): number {
  return alphaRef * p * (T_REF_ORIGINAL / t) ** nTexp;
}

/** HITRAN pressure HWHM (cm⁻¹): (296/T)^n (γ_air (P − P_self) + γ_self P_self) / P_atm. */
export function gammaHitran(
  p: number,
  t: number,
  pSelf: number,
  nAir: number,
  gammaAir: number,
  gammaSelf: number,
): number {
  return (
    (T_REF_ORIGINAL / t) ** nAir * ((gammaAir * (p - pSelf)) / P_ATM + (gammaSelf * pSelf) / P_ATM)
  );
}

/** Natural HWHM (cm⁻¹) from the Einstein A coefficient. */
export function gammaNatural(a: number): number {
  return GAMMA_NATURAL * a;
}

/** Doppler standard deviation (cm⁻¹): c3 sqrt(T/M) ν. */
export function dopplerSigma(nu: number, t: number, molmass: number): number {
  return DOPPLER_C3 * Math.sqrt(t / molmass) * nu;
}
