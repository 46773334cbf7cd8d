/**
 * WMAP9 luminosity distances as astropy's `WMAP9` computes them (spec §3.5): flat ΛCDM with
 * H0 = 69.32 km/s/Mpc, Ωm = 0.2865, Tcmb = 2.725 K, Neff = 3.04 massless neutrinos, so
 * Ωγ = 5.1426e-5, Ων = 3.5505e-5 and ΩΛ = 1 − Ωm − Ωγ − Ων. Written here (no package):
 * D_L = (1 + z)(c/H0)∫₀^z dz′/E(z′), E² = Ωm(1+z)³ + Ωr(1+z)⁴ + ΩΛ, integrated with 48-point
 * Gauss–Legendre on each unit of z (the integrand is smooth; the error is below 1e-12).
 */

import { gaussLegendre } from "@sidereal/tensor/kernels";

/** Speed of light, km/s (exact). */
const C_KMS = 299792.458;
export const WMAP9 = (() => {
  const H0 = 69.32;
  const Om0 = 0.2865;
  const Tcmb = 2.725;
  const Neff = 3.04;
  // Photon density: Ωγ = (4σ T⁴ / c³) / ρ_crit, ρ_crit = 3H0²/(8πG) (CODATA 2018 constants).
  const sigmaSB = 5.670374419e-8; // W m⁻² K⁻⁴
  const c = 299792458; // m/s
  const G = 6.6743e-11; // m³ kg⁻¹ s⁻²
  const mpc = 3.085677581491367e22; // m (IAU 2015: 1 pc = 3.0856775814913673e16 m)
  const h0si = (H0 * 1000) / mpc;
  const rhoCrit = (3 * h0si * h0si) / (8 * Math.PI * G);
  const Ogamma = (4 * sigmaSB * Tcmb ** 4) / c ** 3 / rhoCrit;
  // Massless neutrinos: Ων = (7/8)(4/11)^{4/3} Neff Ωγ.
  const Onu = (7 / 8) * (4 / 11) ** (4 / 3) * Neff * Ogamma;
  return { H0, Om0, Ogamma, Onu, Ode0: 1 - Om0 - Ogamma - Onu, hubbleDistanceMpc: C_KMS / H0 };
})();

// 48-point Gauss–Legendre nodes and weights on [-1, 1].
const GL = gaussLegendre(48);

const invE = (z: number): number => {
  const a = 1 + z;
  const { Om0, Ogamma, Onu, Ode0 } = WMAP9;
  return 1 / Math.sqrt(Om0 * a * a * a + (Ogamma + Onu) * a * a * a * a + Ode0);
};

/** Line-of-sight comoving distance to redshift z, Mpc. */
export function comovingDistanceMpc(z: number): number {
  if (!(z > 0)) return 0;
  const pieces = Math.max(1, Math.ceil(z));
  const h = z / pieces;
  let s = 0;
  for (let p = 0; p < pieces; p++) {
    const mid = (p + 0.5) * h;
    for (let i = 0; i < GL.x.length; i++) s += GL.w[i] * invE(mid + 0.5 * h * GL.x[i]);
  }
  return WMAP9.hubbleDistanceMpc * 0.5 * h * s;
}

/** WMAP9 luminosity distance, Mpc; NaN for negative or non-finite z. */
export function luminosityDistanceMpc(z: number): number {
  if (!(z >= 0) || !Number.isFinite(z)) return Number.NaN;
  return (1 + z) * comovingDistanceMpc(z);
}

/** 10 pc in Mpc: the distance agnfinder uses at z = 0 (the 10 pc rule). */
const TEN_PC_MPC = 1e-5;

/**
 * The distance the forward model divides by: 10 pc at z = 0 exactly (absolute magnitudes,
 * Prospector's rule), the WMAP9 luminosity distance otherwise (Mpc).
 */
export const photometricDistanceMpc = (z: number): number =>
  z === 0 ? TEN_PC_MPC : luminosityDistanceMpc(z);
