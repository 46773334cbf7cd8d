/**
 * The Prevot et al. (1984) SMC extinction curve k(λ) = A_λ/E(B−V), linearly interpolated and 0
 * outside the table (spec §3.4), applied to the quasar only: ext = 10^(−0.4 k(λ) E(B−V)).
 */
import { interp } from "../numeric.js";

export interface ExtinctionCurve {
  readonly wavelength: Float64Array;
  readonly k: Float64Array;
}

/** Parses `wavelength k_l` rows after a one-line header. */
export function parseSmcExtinction(text: string): ExtinctionCurve {
  const w: number[] = [];
  const k: number[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || /^[A-Za-z#]/.test(line)) continue;
    const [a, b] = line.split(/\s+/).map(Number);
    if (!Number.isFinite(a) || !Number.isFinite(b)) throw new Error(`bad SMC row "${line}"`);
    w.push(a);
    k.push(b);
  }
  return { wavelength: Float64Array.from(w), k: Float64Array.from(k) };
}

/** k(λ) on a wavelength grid (Å), 0 outside the table. */
export const smcK = (c: ExtinctionCurve, wavelength: ArrayLike<number>): Float64Array =>
  Float64Array.from(wavelength as ArrayLike<number>, (l) => interp(c.wavelength, c.k, l, 0));
