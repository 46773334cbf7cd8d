/**
 * The seed's forward model (`fspec` of seeds/001), built once per process and per set of
 * model settings: worker threads and the main thread each build their own copy (the
 * PreMODIT setup takes a few seconds; the model object holds no run state).
 */
import { type EmissionModel, gravityJupiter, seedEmissionModel } from "@sidereal/exo-rt";

/** Model settings that a user may change (config fields; defaults are the seed's). */
export interface ModelSettings {
  /** ExoMol database folder (default: exo-rt's bundled CO SAMPLE). */
  readonly lineDb?: string;
  /** HITRAN `.cia` file (default: exo-rt's bundled H2-H2_TEST.cia). */
  readonly cia?: string;
  /** Model grid wavelength range in Å. */
  readonly wavMin: number;
  readonly wavMax: number;
  /** Model grid points (ESLOG). */
  readonly nGrid: number;
  /** Atmospheric layers. */
  readonly nlayer: number;
}

export const SEED_MODEL: ModelSettings = { wavMin: 22920, wavMax: 23000, nGrid: 3500, nlayer: 100 };

/** The mock's true parameters (seeds/001: T0 1200 K, α 0.1, mmr 0.01, 1 R_J / 10 M_J, RV 40, vsini 10, σ 500). */
export const TRUTHS = {
  logg: Math.log10(gravityJupiter(1, 10)),
  RV: 40,
  MMR: 0.01,
  T0: 1200,
  alpha: 0.1,
  vsini: 10,
  sigmain: 500,
} as const;

export const PARAMS = ["logg", "RV", "MMR", "T0", "alpha", "vsini", "sigmain"] as const;

const cache = new Map<string, EmissionModel>();

/** The forward model for `settings`, observed on `nuObs` (default: the seed's ν[::5][:-50]). */
export function forwardModel(settings: ModelSettings, nuObs?: Float64Array): EmissionModel {
  const obsKey =
    nuObs === undefined ? "seed" : `${nuObs.length}:${nuObs[0]}:${nuObs[nuObs.length - 1]}`;
  const key = `${JSON.stringify(settings)}|${obsKey}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const model = seedEmissionModel({
    ...(settings.lineDb !== undefined ? { mdbPath: settings.lineDb } : {}),
    ...(settings.cia !== undefined ? { ciaFile: settings.cia } : {}),
    wavelengthRange: [settings.wavMin, settings.wavMax],
    nGrid: settings.nGrid,
    nlayer: settings.nlayer,
    ...(nuObs !== undefined ? { nuObs } : {}),
  });
  cache.set(key, model);
  return model;
}

/** The noise-free spectrum at the mock's true parameters on the model's observed grid. */
export function truthSpectrum(model: EmissionModel): Float64Array {
  const mu = model.forward({
    T0: TRUTHS.T0,
    alpha: TRUTHS.alpha,
    mmr: TRUTHS.MMR,
    g: 10 ** TRUTHS.logg,
    RV: TRUTHS.RV,
    vsini: TRUTHS.vsini,
  });
  return Float64Array.from(mu.toArray() as ArrayLike<number>);
}
