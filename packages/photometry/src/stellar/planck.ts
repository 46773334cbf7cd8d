/**
 * Planck spectra as luminosity shapes: πB_ν(T)/(σT⁴), in 1/Hz, so that a star of bolometric
 * luminosity L has L_ν = L · shape (∫ shape dν = 1). CGS constants (CODATA 2018).
 */

const H = 6.62607015e-27; // erg s
const K_B = 1.380649e-16; // erg/K
const C_CM = 2.99792458e10; // cm/s
const SIGMA = 5.670374419e-5; // erg/s/cm²/K⁴

/** πB_ν(T)/(σT⁴) at wavelength λ (Å), 1/Hz. */
export function planckShape(lambdaAngstrom: number, temperature: number): number {
  const nu = C_CM / (lambdaAngstrom * 1e-8);
  const x = (H * nu) / (K_B * temperature);
  if (x > 700) return 0;
  const bnu = (2 * H * nu * nu * nu) / (C_CM * C_CM) / Math.expm1(x);
  return (Math.PI * bnu) / (SIGMA * temperature ** 4);
}

/** The shape on a wavelength grid, into `out`. */
export function planckShapeInto(
  wavelength: ArrayLike<number>,
  temperature: number,
  out: Float64Array,
): Float64Array {
  for (let i = 0; i < wavelength.length; i++) out[i] = planckShape(wavelength[i], temperature);
  return out;
}

/** Frequency of a wavelength in Å, Hz. */
export const frequencyHz = (lambdaAngstrom: number): number => C_CM / (lambdaAngstrom * 1e-8);

/**
 * Trapezoid weights for ∫ f dν on a wavelength grid (any order): w such that Σ w_i f_i is the
 * trapezoid rule in ν = c/λ.
 */
export function frequencyWeights(wavelength: ArrayLike<number>): Float64Array {
  const n = wavelength.length;
  const w = new Float64Array(n);
  for (let i = 1; i < n; i++) {
    const d = Math.abs(frequencyHz(wavelength[i - 1]) - frequencyHz(wavelength[i]));
    w[i - 1] += 0.5 * d;
    w[i] += 0.5 * d;
  }
  return w;
}
