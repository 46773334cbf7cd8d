/**
 * The stellar part of the forward model (spec §3.8): a delayed-τ composite of the analytic
 * SSPs, attenuated by dust (Calzetti or FSPS's power law, τ = dust2 at 5500 Å), plus the
 * absorbed light re-emitted by dust (energy balance). L_ν in L☉/Hz per M☉ formed.
 *
 * SSP tables are built once per metallicity knot (64 ages × the grid, ~0.2 s each) and shared;
 * per θ the work is one weighted sum of table rows over the wavelengths the filters need.
 */
import { type AttenuationLaw, attenuationCurve } from "./attenuation.js";
import { dustEmissionShape } from "./dust-emission.js";
import { frequencyWeights } from "./planck.js";
import { delayedTauWeights } from "./sfh.js";
import { sspTable } from "./ssp.js";

/** SSP-age bin edges (Gyr): 0, then 64 log-spaced edges 1e-5 … 20 Gyr, the last open-ended. */
const N_AGE = 64;
export const AGE_EDGES: Float64Array = (() => {
  const e = new Float64Array(N_AGE + 1);
  for (let j = 1; j <= N_AGE; j++) e[j] = 1e-5 * (20 / 1e-5) ** ((j - 1) / (N_AGE - 1));
  e[N_AGE] = Number.POSITIVE_INFINITY;
  return e;
})();
/** The age at which each bin's SSP is evaluated (geometric centre; 20 Gyr for the last). */
export const AGE_CENTRES: Float64Array = Float64Array.from({ length: N_AGE }, (_, k) =>
  k === 0 ? 0.5 * AGE_EDGES[1] : k === N_AGE - 1 ? 20 : Math.sqrt(AGE_EDGES[k] * AGE_EDGES[k + 1]),
);

/** Metallicity knots (logzsol) between which SSP tables are interpolated linearly. */
export const LOGZSOL_KNOTS = [-2, -1.5, -1, -0.5, 0, 0.5] as const;

/** A coarse log grid for the energy-balance integral (the absorbed luminosity). */
const COARSE = Float64Array.from({ length: 400 }, (_, i) => 91 * (1e8 / 91) ** (i / 399));

export interface StellarOptions {
  readonly attenuation: AttenuationLaw;
  readonly dustEmission: boolean;
}

export interface StellarParams {
  readonly tage: number;
  readonly tau: number;
  readonly dust2: number;
  readonly logzsol: number;
}

export interface StellarModel {
  /** Adds L_ν (L☉/Hz per M☉ formed) on grid indices [lo, hi] to `out`. */
  addSpectrum(p: StellarParams, lo: number, hi: number, out: Float64Array): void;
}

export function makeStellarModel(wavelength: Float64Array, options: StellarOptions): StellarModel {
  const n = wavelength.length;
  const curve = attenuationCurve(options.attenuation, wavelength);
  const coarseCurve = attenuationCurve(options.attenuation, COARSE);
  const coarseNu = frequencyWeights(COARSE);
  const dust = dustEmissionShape(wavelength, frequencyWeights(wavelength));
  const tables = new Map<number, { fine: Float64Array; coarse: Float64Array }>();
  const tableAt = (z: number) => {
    let t = tables.get(z);
    if (!t) {
      t = { fine: sspTable(wavelength, AGE_CENTRES, z), coarse: sspTable(COARSE, AGE_CENTRES, z) };
      tables.set(z, t);
    }
    return t;
  };
  const weights = new Float64Array(N_AGE);
  const coarse = new Float64Array(COARSE.length);
  const stars = new Float64Array(n);

  const addTable = (
    t: { fine: Float64Array; coarse: Float64Array },
    scale: number,
    lo: number,
    hi: number,
    out: Float64Array,
  ) => {
    for (let k = 0; k < N_AGE; k++) {
      const w = weights[k] * scale;
      if (w === 0) continue;
      const off = k * n;
      for (let i = lo; i <= hi; i++) out[i] += w * t.fine[off + i];
      const offc = k * COARSE.length;
      for (let i = 0; i < COARSE.length; i++) coarse[i] += w * t.coarse[offc + i];
    }
  };

  return {
    addSpectrum(p, lo, hi, out) {
      delayedTauWeights(p.tage, p.tau, AGE_EDGES, weights);
      coarse.fill(0);
      // Stars only on the needed range, in a scratch buffer; attenuated after summing.
      for (let i = lo; i <= hi; i++) stars[i] = 0;
      const zc = Math.min(
        Math.max(p.logzsol, LOGZSOL_KNOTS[0]),
        LOGZSOL_KNOTS[LOGZSOL_KNOTS.length - 1],
      );
      let j = 0;
      while (j < LOGZSOL_KNOTS.length - 2 && LOGZSOL_KNOTS[j + 1] <= zc) j++;
      const f = (zc - LOGZSOL_KNOTS[j]) / (LOGZSOL_KNOTS[j + 1] - LOGZSOL_KNOTS[j]);
      if (f < 1) addTable(tableAt(LOGZSOL_KNOTS[j]), 1 - f, lo, hi, stars);
      if (f > 0) addTable(tableAt(LOGZSOL_KNOTS[j + 1]), f, lo, hi, stars);
      let absorbed = 0;
      if (p.dust2 > 0) {
        for (let i = lo; i <= hi; i++) stars[i] *= Math.exp(-p.dust2 * curve[i]);
        for (let i = 0; i < COARSE.length; i++)
          absorbed += coarseNu[i] * coarse[i] * -Math.expm1(-p.dust2 * coarseCurve[i]);
      }
      for (let i = lo; i <= hi; i++) {
        out[i] += stars[i];
        if (options.dustEmission && absorbed > 0) out[i] += absorbed * dust[i];
      }
    },
  };
}
