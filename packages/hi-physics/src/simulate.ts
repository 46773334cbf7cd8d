/**
 * Seed 000's simulation (tutorial cells [3]–[5]; spec §4.1–4.3): an EmissionAbsorptionModel of
 * 3 clouds with the cell-[3] priors, evaluated at `sim_params` the way PyMC's `eval(givens)`
 * did — the given nodes substituted, every other deterministic computed by the model — and its
 * observed spectra drawn (with noise) or taken noise-free (the likelihood mean).
 *
 * `sim_params` (cell [4]): T_s from the physics (n_α of cell [4]), fwhm² = nonthermal² +
 * thermal², N_HI from n·d, τ_total, τ_peak = τ_total/(fwhm C_G), TB_fwhm = f T_s (1 − e^{−τ_peak})
 * fwhm, wt_ff_tspin = w/f/T_s, plus absorption_weight = w and the printed log10_n_alpha draws.
 * The model then recomputes tspin (with those n_α), tau_total (from TB_fwhm), log10_Pth,
 * log10_NHI, log10_depth (§4.2); the simulated spectra use these model values (§4.3).
 */
import { seed as seedHandler, substitute, type Trace, trace } from "@sidereal/autodiff-samplers";
import { key } from "@sidereal/distributions";
import { calcTauTotal } from "./column-density.js";
import { GAUSSIAN_AREA_CONST, LOG10_PC_CM } from "./constants.js";
import { hiModel } from "./hi-model.js";
import { likelihoodMeans } from "./likelihood.js";
import { calcNonthermalFwhm, calcThermalFwhm2 } from "./line-width.js";
import { EmissionAbsorptionModel } from "./models.js";
import { calcPseudoVoigt } from "./pseudo-voigt.js";
import {
  linspace,
  SEED,
  SEED_CLOUDS,
  SEED_LOG10_N_ALPHA_DRAWS,
  SEED_SIMULATION_PRIORS,
} from "./seed-settings.js";
import { calcSpinTemp } from "./spin-temperature.js";

/** The value of a traced site as an array (every site named here exists in the EA model). */
function siteValue(tr: Trace, name: string): Float64Array {
  const v = tr.get(name)?.value;
  if (v === undefined) throw new Error(`simulateSeed: the model has no site "${name}"`);
  return v.toArray();
}

const f64 = (x: readonly number[]) => Float64Array.from(x);

/** Cell [4]'s `sim_params` (inputs of the simulation), with log10_n_alpha of §4.2. */
export function seedSimParams(): Record<string, Float64Array> {
  const c = SEED_CLOUDS;
  const tkin = f64(c.tkin);
  const tspin = calcSpinTemp(tkin, f64(c.log10NHI.map((x) => 10 ** x)), f64(c.nAlpha));
  const nth = calcNonthermalFwhm(f64(c.depth), f64(c.nthFwhm1pc), f64(c.depthNthFwhmPower));
  const fwhm2 = nth.map((x, i) => x * x + calcThermalFwhm2(tkin)[i]);
  const fwhm = fwhm2.map(Math.sqrt);
  const log10ColumnNHI = c.log10NHI.map((x, i) => x + Math.log10(c.depth[i]) + LOG10_PC_CM);
  const tauTotal = calcTauTotal(f64(log10ColumnNHI.map((x) => 10 ** x)), tspin);
  const tauPeak = tauTotal.map((t, i) => t / fwhm[i] / GAUSSIAN_AREA_CONST);
  const tbFwhm = tauPeak.map((t, i) => c.fillingFactor[i] * tspin[i] * -Math.expm1(-t) * fwhm[i]);
  return {
    TB_fwhm: tbFwhm,
    tkin,
    filling_factor: f64(c.fillingFactor),
    wt_ff_tspin: f64(c.absorptionWeight.map((w, i) => w / c.fillingFactor[i] / tspin[i])),
    absorption_weight: f64(c.absorptionWeight),
    // fwhm**2.0 as the notebook (sqrt then square: identical to the printed digits)
    fwhm2: fwhm.map((x) => x ** 2),
    log10_nHI: f64(c.log10NHI),
    velocity: f64(c.velocity),
    log10_n_alpha: f64(SEED_LOG10_N_ALPHA_DRAWS),
    baseline_emission_norm: f64([0]),
    baseline_absorption_norm: f64([0]),
  };
}

/** Spectra of the seed with zero brightness (the "dummy data" of cell [2]). */
export function seedDummyData() {
  const em = linspace(SEED.emissionAxis.start, SEED.emissionAxis.stop, SEED.emissionAxis.num);
  const ab = linspace(SEED.absorptionAxis.start, SEED.absorptionAxis.stop, SEED.absorptionAxis.num);
  return {
    emission: {
      spectral: em,
      brightness: new Float64Array(em.length),
      noise: SEED.rmsEmission,
      ...SEED.emissionLabels,
    },
    absorption: {
      spectral: ab,
      brightness: new Float64Array(ab.length),
      noise: SEED.rmsAbsorption,
      ...SEED.absorptionLabels,
    },
  };
}

/** The cell-[3] simulation model (EA, 3 clouds, σ_log10NHI 0.5) on the dummy data. */
export function seedSimulationModel(): EmissionAbsorptionModel {
  return new EmissionAbsorptionModel(seedDummyData(), {
    nClouds: SEED.nClouds,
    baselineDegree: SEED.baselineDegree,
    bgTemp: SEED.bgTemp,
    seed: SEED.seed,
  })
    .addPriors(SEED_SIMULATION_PRIORS)
    .addLikelihood();
}

/**
 * `sim_params` after the model's deterministics (cell [5]): the inputs plus tspin, tau_total,
 * log10_Pth, log10_NHI, log10_depth as the model computes them (§4.2).
 */
export function seedSimulationTruths(): Record<string, Float64Array> {
  const model = seedSimulationModel();
  const givens = seedSimParams();
  const tr = trace(seedHandler(substitute(hiModel, givens), key(SEED.seed))).getTrace(
    model.modelData(false),
  );
  const out: Record<string, Float64Array> = { ...givens };
  for (const name of model.cloudDeterministics) if (!(name in out)) out[name] = siteValue(tr, name);
  return out;
}

/** One simulated spectrum in the `simulated.json` layout. */
export interface SimulatedSpectrum {
  readonly spectral: Float64Array;
  readonly brightness: Float64Array;
  readonly noise: Float64Array;
  readonly xlabel: string;
  readonly ylabel: string;
}

/** Result of {@link simulateSeed}. */
export interface SeedSimulation {
  readonly emission: SimulatedSpectrum;
  readonly absorption: SimulatedSpectrum;
  /** The truths (sim_params with the model deterministics), per cloud. */
  readonly params: Record<string, Float64Array>;
  /** Per-cloud τ on the emission axis, S × N row-major (τ_total · pseudo-Voigt profile). */
  readonly tauEmission: Float64Array;
}

/**
 * Simulates seed 000's spectra: noise-free (`noise: false`, the likelihood mean) or with one
 * Gaussian noise draw per channel (σ = 0.1 K emission, 0.001 absorption) from `key(seed)`.
 */
export function simulateSeed(
  options: { readonly noise?: boolean; readonly seed?: number } = {},
): SeedSimulation {
  const model = seedSimulationModel();
  const params = seedSimulationTruths();
  const data = model.modelData(false);
  let brightness: Record<string, Float64Array>;
  if (options.noise === false) brightness = likelihoodMeans(data, params);
  else {
    const tr = trace(
      seedHandler(substitute(hiModel, params), key(options.seed ?? SEED.seed)),
    ).getTrace(data);
    brightness = {
      emission: siteValue(tr, "emission"),
      absorption: siteValue(tr, "absorption"),
    };
  }
  const spectrum = (k: "emission" | "absorption"): SimulatedSpectrum => {
    const s = model.data[k];
    return {
      spectral: s.spectral,
      brightness: brightness[k],
      noise: s.noise,
      xlabel: s.xlabel,
      ylabel: s.ylabel,
    };
  };
  const profile = calcPseudoVoigt(model.data.emission.spectral, params.velocity, params.fwhm2, 0);
  const n = SEED.nClouds;
  const tauEmission = profile.map((p, j) => p * params.tau_total[j % n]);
  return {
    emission: spectrum("emission"),
    absorption: spectrum("absorption"),
    params,
    tauEmission,
  };
}
