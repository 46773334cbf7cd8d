/** A one-cloud EmissionAbsorptionModel on short noise-free spectra, for fast inference tests. */
import { EmissionAbsorptionModel, likelihoodMeans } from "@sidereal/hi-physics";

const axis = (lo: number, hi: number, n: number) =>
  Float64Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));

/** The truth of the toy cloud (model parameters substituted into the model). */
export const TOY_TRUTH = {
  velocity: [2.0],
  fwhm2: [30],
  TB_fwhm: [40],
  tkin: [500],
  log10_nHI: [0.5],
  log10_n_alpha: [-6],
  filling_factor: [0.8],
  baseline_emission_norm: [0],
  baseline_absorption_norm: [0],
};

export const TOY_PRIORS = { priorVelocity: [-10, 10] as const, priorTBFwhm: 100 };

/** Noise-free toy spectra (60 emission channels σ 0.1 K, 40 absorption channels σ 0.002). */
export function toyData() {
  const dummy = {
    emission: { spectral: axis(-30, 30, 60), brightness: new Float64Array(60), noise: 0.1 },
    absorption: { spectral: axis(-20, 20, 40), brightness: new Float64Array(40), noise: 0.002 },
  };
  const m = new EmissionAbsorptionModel(dummy, { nClouds: 1 })
    .addPriors(TOY_PRIORS)
    .addLikelihood();
  const truth = Object.fromEntries(
    Object.entries(TOY_TRUTH).map(([k, v]) => [k, Float64Array.from(v)]),
  );
  const mu = likelihoodMeans(m.modelData(false), truth);
  return {
    emission: { ...dummy.emission, brightness: mu.emission },
    absorption: { ...dummy.absorption, brightness: mu.absorption },
  };
}

export function toyModel(nClouds = 1, seed = 5) {
  return new EmissionAbsorptionModel(toyData(), { nClouds, seed })
    .addPriors(TOY_PRIORS)
    .addLikelihood();
}
