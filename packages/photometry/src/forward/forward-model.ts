/**
 * The forward model θ → apparent AB maggies (spec §3.1, §3.5): the rest-frame spectrum per M☉
 * formed, S(λ) = stars(λ) + Q(λ)·ext(λ) + T(λ, i), on the model's wavelength grid; redshifted
 * (λ_o = (1+z)λ, S_o = (1+z)S), turned into F_λ = (c/λ_o²)·S_o·K at 10 pc, projected through
 * each filter as sedpy does, and scaled by mass / (D_L / 10 pc)² (the AGN terms are multiplied
 * by mass too, as in agnfinder). Pure and synchronous; buffers are owned by the model and
 * reused, so one model evaluates one θ at a time.
 */
import { type QuasarTemplate, quasarShape } from "../agn/quasar.js";
import { smcK } from "../agn/smc.js";
import { torusOnGrid, torusShapeInto } from "../agn/torus.js";
import { photometricDistanceMpc } from "../cosmology/wmap9.js";
import { ThetaError } from "../errors.js";
import { effectiveWavelengths, type Filter } from "../filters/filter.js";
import { projectFilter } from "../filters/projection.js";
import type { ModelData } from "../model-data.js";
import { lowerBound } from "../numeric.js";
import { makeStellarModel, type StellarOptions } from "../stellar/stellar-population.js";
import { C_AA_PER_S, TO_CGS_AT_10PC } from "./constants.js";
import { checkPhysical, PHYSICAL_PARAMS, type PhysicalParam } from "./physical-params.js";

/** What to build: θ columns, fixed values, filters and components. */
export interface ForwardModelSpec {
  /** θ columns by Prospector name, in order. */
  readonly thetaColumns: readonly PhysicalParam[];
  /** Values of the parameters not in θ (defaults: logzsol 0, AGN scales 0, inclination 0). */
  readonly fixed?: Partial<Record<PhysicalParam, number>>;
  readonly filters: readonly Filter[];
  /** Include the quasar + torus terms. */
  readonly agn: boolean;
  /** The stellar substitute's options, or false to leave starlight out (AGN-only). */
  readonly stellar: StellarOptions | false;
}

export interface ForwardModel {
  readonly thetaColumns: readonly PhysicalParam[];
  readonly filters: readonly Filter[];
  /** Filter names in output order. */
  readonly bands: readonly string[];
  /** Effective wavelengths of the filters (Prospector's `phot_wave`), Å. */
  readonly photWave: Float64Array;
  /**
   * AB maggies of one θ (physical values, `thetaColumns` order). Throws a ThetaError for a
   * non-finite or unphysical value (negative mass, optical depth, scale or redshift;
   * non-positive tage or tau).
   */
  forward(theta: ArrayLike<number>): Float64Array;
  /** As `forward`, writing F values into `out` at `offset`; `row` names the row in errors. */
  forwardInto(theta: ArrayLike<number>, out: Float64Array, offset?: number, row?: number): void;
  /** Row-major (n, D) θ → row-major (n, F) maggies (into `out` when given). */
  forwardBatch(thetas: Float64Array, out?: Float64Array): Float64Array;
}

const DEFAULT_FIXED: Record<PhysicalParam, number> = {
  zred: 0,
  mass: 1,
  logzsol: 0,
  dust2: 0,
  tage: 1,
  tau: 1,
  agn_mass: 0,
  agn_eb_v: 0,
  agn_torus_mass: 0,
  inclination: 0,
};

const LN10 = Math.log(10);

export function makeForwardModel(data: ModelData, spec: ForwardModelSpec): ForwardModel {
  const lam = data.wavelength;
  const n = lam.length;
  const filters = [...spec.filters];
  const nBands = filters.length;
  const D = spec.thetaColumns.length;
  const values: Record<PhysicalParam, number> = { ...DEFAULT_FIXED, ...spec.fixed };
  const column = new Int32Array(PHYSICAL_PARAMS.length).fill(-1);
  spec.thetaColumns.forEach((name, j) => {
    column[PHYSICAL_PARAMS.indexOf(name)] = j;
  });
  let fMin = Number.POSITIVE_INFINITY;
  let fMax = 0;
  for (const f of filters) {
    fMin = Math.min(fMin, f.wavelength[0]);
    fMax = Math.max(fMax, f.wavelength[f.wavelength.length - 1]);
  }
  // AGN shapes with agnfinder's ×1e14 folded in.
  const quasar = spec.agn
    ? quasarShape(data.quasar as QuasarTemplate, lam).map((v) => v * 1e14)
    : undefined;
  const smc = spec.agn ? smcK(data.smc, lam) : undefined;
  const torus = spec.agn ? torusOnGrid(data.torus, lam) : undefined;
  const stellar = spec.stellar ? makeStellarModel(lam, spec.stellar) : undefined;
  const spectrum = new Float64Array(n);
  const waveObs = new Float64Array(n);
  const fLambda = new Float64Array(n);
  const p = { ...values };

  const forwardInto = (theta: ArrayLike<number>, out: Float64Array, offset = 0, row = 0): void => {
    if (theta.length !== D)
      throw new ThetaError({
        field: "theta",
        value: theta.length,
        row,
        reason: `expected ${D} values (${spec.thetaColumns.join(", ")})`,
      });
    for (let k = 0; k < PHYSICAL_PARAMS.length; k++) {
      const name = PHYSICAL_PARAMS[k];
      const v = column[k] >= 0 ? theta[column[k]] : values[name];
      const err = checkPhysical(name, v, row);
      if (err) throw err;
      p[name] = v;
    }
    const a = 1 + p.zred;
    // Only the rest wavelengths that land in some filter (plus margins) are computed.
    const lo = Math.max(lowerBound(lam, fMin / a) - 2, 0);
    const hi = Math.min(lowerBound(lam, fMax / a) + 2, n - 1);
    for (let i = lo; i <= hi; i++) spectrum[i] = 0;
    if (stellar) stellar.addSpectrum(p, lo, hi, spectrum);
    if (quasar && smc && torus) {
      const qs = p.agn_mass;
      const ebv = p.agn_eb_v;
      if (qs > 0) {
        if (ebv !== 0)
          for (let i = lo; i <= hi; i++)
            spectrum[i] += qs * quasar[i] * Math.exp(-0.4 * LN10 * smc[i] * ebv);
        else for (let i = lo; i <= hi; i++) spectrum[i] += qs * quasar[i];
      }
      if (p.agn_torus_mass > 0)
        torusShapeInto(torus, p.inclination, p.agn_torus_mass * 1e14, spectrum, true, lo, hi);
    }
    for (let i = lo; i <= hi; i++) {
      const lo_ = a * lam[i];
      waveObs[i] = lo_;
      fLambda[i] = (C_AA_PER_S / (lo_ * lo_)) * a * spectrum[i] * TO_CGS_AT_10PC;
    }
    const dl = photometricDistanceMpc(p.zred) * 1e5;
    const scale = p.mass / (dl * dl);
    const w = waveObs.subarray(lo, hi + 1);
    const fl = fLambda.subarray(lo, hi + 1);
    for (let j = 0; j < nBands; j++) out[offset + j] = projectFilter(filters[j], w, fl) * scale;
  };

  return {
    thetaColumns: spec.thetaColumns,
    filters,
    bands: filters.map((f) => f.name),
    photWave: effectiveWavelengths(filters),
    forward(theta) {
      const out = new Float64Array(nBands);
      forwardInto(theta, out);
      return out;
    },
    forwardInto,
    forwardBatch(thetas, out) {
      if (thetas.length % D !== 0)
        throw new ThetaError({
          field: "thetas",
          value: thetas.length,
          row: 0,
          reason: `length is not a multiple of ${D}`,
        });
      const rows = thetas.length / D;
      const result = out ?? new Float64Array(rows * nBands);
      for (let r = 0; r < rows; r++)
        forwardInto(thetas.subarray(r * D, (r + 1) * D), result, r * nBands, r);
      return result;
    },
  };
}
