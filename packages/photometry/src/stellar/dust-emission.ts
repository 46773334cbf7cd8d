/**
 * Energy-balance dust emission: the stellar luminosity absorbed by dust is re-emitted as a
 * modified black body ν^β B_ν(T_d), β = 2, T_d = 20 K (the cold dust of the Draine & Li 2007
 * model at U_min = 1, FSPS's duste_umin). It matters only in the far red (WISE and beyond).
 * The shape is normalised on the grid so that Σ w_ν · shape = 1 exactly.
 */
import { frequencyHz, planckShape } from "./planck.js";

export const DUST_BETA = 2;
export const DUST_TEMPERATURE = 20;

/** The normalised shape (1/Hz) on a grid, with the grid's ν-trapezoid weights. */
export function dustEmissionShape(
  wavelength: ArrayLike<number>,
  nuWeights: Float64Array,
): Float64Array {
  const out = Float64Array.from(
    wavelength as ArrayLike<number>,
    (l) => frequencyHz(l) ** DUST_BETA * planckShape(l, DUST_TEMPERATURE),
  );
  let s = 0;
  for (let i = 0; i < out.length; i++) s += nuWeights[i] * out[i];
  for (let i = 0; i < out.length; i++) out[i] /= s;
  return out;
}
