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

/**
 * Knots of the fine grid on which the SSP tables are stored: every grid point where the grid
 * is coarser than 0.3 % in λ, every few points where it is finer (FSPS's optical part has
 * 0.9 Å steps). Sums of black bodies are smooth on that scale, so linear interpolation
 * between knots changes the starlight by < 2e-4 (worst in far-UV Wien tails) while cutting the
 * work per θ several-fold.
 */
const KNOT_SPACING = 0.003;

function knotsOf(wavelength: Float64Array): {
  knots: Int32Array;
  below: Int32Array;
  frac: Float64Array;
} {
  const n = wavelength.length;
  const k: number[] = [0];
  for (let i = 1; i < n - 1; i++)
    if (wavelength[i] >= wavelength[k[k.length - 1]] * (1 + KNOT_SPACING)) k.push(i);
  if (n > 1) k.push(n - 1);
  const knots = Int32Array.from(k);
  const below = new Int32Array(n);
  const frac = new Float64Array(n);
  let b = 0;
  for (let i = 0; i < n; i++) {
    while (b < knots.length - 2 && knots[b + 1] <= i) b++;
    below[i] = b;
    const l0 = wavelength[knots[b]];
    const l1 = wavelength[knots[Math.min(b + 1, knots.length - 1)]];
    frac[i] = l1 > l0 ? Math.min(Math.max((wavelength[i] - l0) / (l1 - l0), 0), 1) : 0;
  }
  return { knots, below, frac };
}

export function makeStellarModel(wavelength: Float64Array, options: StellarOptions): StellarModel {
  const { knots, below, frac } = knotsOf(wavelength);
  const m = knots.length;
  const knotWavelength = Float64Array.from(knots, (i) => wavelength[i]);
  const curve = attenuationCurve(options.attenuation, wavelength);
  const coarseCurve = attenuationCurve(options.attenuation, COARSE);
  const coarseNu = frequencyWeights(COARSE);
  const dust = dustEmissionShape(wavelength, frequencyWeights(wavelength));
  const tables = new Map<number, { knots: Float64Array; coarse: Float64Array }>();
  const tableAt = (z: number) => {
    let t = tables.get(z);
    if (!t) {
      t = {
        knots: sspTable(knotWavelength, AGE_CENTRES, z),
        coarse: sspTable(COARSE, AGE_CENTRES, z),
      };
      tables.set(z, t);
    }
    return t;
  };
  const weights = new Float64Array(N_AGE);
  const coarse = new Float64Array(COARSE.length);
  const stars = new Float64Array(m);

  const addTable = (
    t: { knots: Float64Array; coarse: Float64Array },
    scale: number,
    kLo: number,
    kHi: number,
  ) => {
    for (let k = 0; k < N_AGE; k++) {
      const w = weights[k] * scale;
      if (w === 0) continue;
      const off = k * m;
      for (let i = kLo; i <= kHi; i++) stars[i] += w * t.knots[off + i];
      const offc = k * COARSE.length;
      for (let i = 0; i < COARSE.length; i++) coarse[i] += w * t.coarse[offc + i];
    }
  };

  return {
    addSpectrum(p, lo, hi, out) {
      delayedTauWeights(p.tage, p.tau, AGE_EDGES, weights);
      coarse.fill(0);
      const kLo = below[lo];
      const kHi = Math.min(below[hi] + 1, m - 1);
      for (let i = kLo; i <= kHi; i++) stars[i] = 0;
      const zc = Math.min(
        Math.max(p.logzsol, LOGZSOL_KNOTS[0]),
        LOGZSOL_KNOTS[LOGZSOL_KNOTS.length - 1],
      );
      let j = 0;
      while (j < LOGZSOL_KNOTS.length - 2 && LOGZSOL_KNOTS[j + 1] <= zc) j++;
      const f = (zc - LOGZSOL_KNOTS[j]) / (LOGZSOL_KNOTS[j + 1] - LOGZSOL_KNOTS[j]);
      if (f < 1) addTable(tableAt(LOGZSOL_KNOTS[j]), 1 - f, kLo, kHi);
      if (f > 0) addTable(tableAt(LOGZSOL_KNOTS[j + 1]), f, kLo, kHi);
      let absorbed = 0;
      if (p.dust2 > 0)
        for (let i = 0; i < COARSE.length; i++)
          absorbed += coarseNu[i] * coarse[i] * -Math.expm1(-p.dust2 * coarseCurve[i]);
      const emit = options.dustEmission ? absorbed : 0;
      for (let i = lo; i <= hi; i++) {
        const b = below[i];
        const b1 = b + 1 < m ? b + 1 : b;
        const unattenuated = stars[b] + frac[i] * (stars[b1] - stars[b]);
        const att = p.dust2 > 0 ? Math.exp(-p.dust2 * curve[i]) : 1;
        out[i] += unattenuated * att + emit * dust[i];
      }
    },
  };
}
