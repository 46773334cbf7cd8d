/**
 * A photometric filter as sedpy builds it: the cleaned transmission curve, its effective
 * wavelength exp(∫T ln λ dlnλ / ∫T dlnλ) and its AB zero-point counts
 * ∫ λ T (3.631e-20 c/λ²) dλ (spec §3.5, §1.7).
 */
import { Effect } from "effect";
import type { DataFileError } from "../errors.js";
import { cleanTransmission, readParFile, type TransmissionCurve } from "./par-file.js";

/** Speed of light in Å/s, the value sedpy uses. */
export const LIGHTSPEED_AA = 2.998e18;
/** The AB reference flux density, 3631 Jy, in erg/s/cm²/Hz. */
export const AB_FNU = 3.631e-20;

export interface Filter {
  /** Bandpass name (the `.par` stem). */
  readonly name: string;
  /** Cleaned wavelengths (Å, increasing) and transmissions. */
  readonly wavelength: Float64Array;
  readonly transmission: Float64Array;
  /** sedpy's `wave_effective` (Å). */
  readonly effectiveWavelength: number;
  /** sedpy's `ab_zero_counts`: the counts of a flat 3631 Jy source. */
  readonly abZeroCounts: number;
}

/** Builds a Filter from a raw curve: cleans it as sedpy does and computes its constants. */
export function makeFilter(name: string, raw: TransmissionCurve): Filter {
  const { wavelength: w, transmission: t } = cleanTransmission(raw);
  let num = 0;
  let den = 0;
  let zero = 0;
  for (let i = 1; i < w.length; i++) {
    const l0 = Math.log(w[i - 1]);
    const l1 = Math.log(w[i]);
    const dl = l1 - l0;
    num += 0.5 * dl * (t[i - 1] * l0 + t[i] * l1);
    den += 0.5 * dl * (t[i - 1] + t[i]);
    const f0 = (w[i - 1] * t[i - 1] * AB_FNU * LIGHTSPEED_AA) / (w[i - 1] * w[i - 1]);
    const f1 = (w[i] * t[i] * AB_FNU * LIGHTSPEED_AA) / (w[i] * w[i]);
    zero += 0.5 * (w[i] - w[i - 1]) * (f0 + f1);
  }
  return {
    name,
    wavelength: w,
    transmission: t,
    effectiveWavelength: Math.exp(num / den),
    abZeroCounts: zero,
  };
}

/** Loads one filter from a `.par` file; the name defaults to the file's stem. */
export const loadFilter = (file: string, name?: string): Effect.Effect<Filter, DataFileError> =>
  readParFile(file).pipe(
    Effect.map((raw) =>
      makeFilter(name ?? file.replace(/^.*[\\/]/, "").replace(/\.par$/, ""), raw),
    ),
  );

/** The effective wavelengths of a list of filters (Prospector's `phot_wave`), Å. */
export const effectiveWavelengths = (filters: readonly Filter[]): Float64Array =>
  Float64Array.from(filters, (f) => f.effectiveWavelength);
