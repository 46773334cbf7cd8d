/**
 * Dust attenuation curves normalised at 5500 Å, so τ(λ) = dust2 · curve(λ):
 * - Calzetti et al. (2000) (FSPS dust_type 2), R_V = 4.05: k(λ) = 2.659(−2.156 + 1.509/λ −
 *   0.198/λ² + 0.011/λ³) + R_V on 0.12–0.63 µm and 2.659(−1.857 + 1.040/λ) + R_V on
 *   0.63–2.2 µm; held constant below 912 Å (the polynomial is used down to it) and continued
 *   as a λ^−1.75 power law beyond 2.2 µm (the formula would turn negative near 2.9 µm).
 * - FSPS's power law (dust_type 0, dust_index −0.7): (λ/5500 Å)^−0.7.
 */

const RV = 4.05;

/** Calzetti k(λ), λ in Å. */
export function calzettiK(lambdaAngstrom: number): number {
  const um = Math.min(Math.max(lambdaAngstrom, 912), 2.2e4) / 1e4;
  const k =
    um < 0.63
      ? 2.659 * (-2.156 + 1.509 / um - 0.198 / um ** 2 + 0.011 / um ** 3) + RV
      : 2.659 * (-1.857 + 1.04 / um) + RV;
  return lambdaAngstrom > 2.2e4 ? k * (2.2e4 / lambdaAngstrom) ** 1.75 : k;
}

export type AttenuationLaw = "calzetti" | "powerlaw";

/** curve(λ) = τ(λ)/τ(5500 Å) on a grid. */
export function attenuationCurve(law: AttenuationLaw, wavelength: ArrayLike<number>): Float64Array {
  const k55 = calzettiK(5500);
  return Float64Array.from(wavelength as ArrayLike<number>, (l) =>
    law === "calzetti" ? calzettiK(l) / k55 : (l / 5500) ** -0.7,
  );
}
