/**
 * The six caribou_hi model classes (spec §2): each fixes the family of `BaseHiModel` and the
 * prior arguments its `addPriors` takes. Typical use, as the tutorial:
 *
 * ```ts
 * const model = new EmissionAbsorptionModel({ emission, absorption }, { nClouds: 3, bgTemp: 3.77 })
 *   .addPriors({ priorTBFwhm: 200, priorVelocity: [-20, 20], priorSigmaLog10NHI: null })
 *   .addLikelihood();
 * ```
 */
import { BaseHiModel, type HiModelOptions } from "./base-model.js";
import type { HiModelKind } from "./model-data.js";
import type {
  AbsorptionPhysicalPriorOptions,
  AbsorptionPriorOptions,
  EmissionAbsorptionPhysicalPriorOptions,
  EmissionAbsorptionPriorOptions,
  EmissionPhysicalPriorOptions,
  EmissionPriorOptions,
} from "./priors.js";
import type { SpecData, SpecDataLike } from "./spec-data.js";

/** Spectra by dataset key: decoded `SpecData` or raw input (decoded on construction). */
export type HiDataInput = Readonly<Record<string, SpecData | SpecDataLike>>;

/** Emission only (dataset "emission"): radiative transfer through the clouds against `bgTemp`. */
export class EmissionModel extends BaseHiModel<EmissionPriorOptions> {
  constructor(data: HiDataInput, options: HiModelOptions) {
    super("emission", data, options);
  }
}

/** Absorption only (dataset "absorption"): 1 − exp(−Σ τ). */
export class AbsorptionModel extends BaseHiModel<AbsorptionPriorOptions> {
  constructor(data: HiDataInput, options: HiModelOptions) {
    super("absorption", data, options);
  }
}

/**
 * Emission and absorption of the same clouds (datasets "emission", "absorption"). With
 * `priorSigmaLog10NHI: null` (default) both probe the same column; with σ the absorption
 * weight w = N_abs/N_em · f is free (log-normal, E[w/f] = 1).
 */
export class EmissionAbsorptionModel extends BaseHiModel<EmissionAbsorptionPriorOptions> {
  constructor(data: HiDataInput, options: HiModelOptions) {
    super("emission-absorption", data, options);
  }
}

/** Physical emission model (spec §2.6). */
export class EmissionPhysicalModel extends BaseHiModel<EmissionPhysicalPriorOptions> {
  constructor(data: HiDataInput, options: HiModelOptions) {
    super("emission-physical", data, options);
  }
}

/** Physical absorption model (spec §2.6). */
export class AbsorptionPhysicalModel extends BaseHiModel<AbsorptionPhysicalPriorOptions> {
  constructor(data: HiDataInput, options: HiModelOptions) {
    super("absorption-physical", data, options);
  }
}

/** Physical emission + absorption model (spec §2.6; `priorSigmaLog10NHI` default 0.5). */
export class EmissionAbsorptionPhysicalModel extends BaseHiModel<EmissionAbsorptionPhysicalPriorOptions> {
  constructor(data: HiDataInput, options: HiModelOptions) {
    super("emission-absorption-physical", data, options, { sigmaLog10NHI: 0.5 });
  }
}

/** Any of the six classes. */
export type HiModel =
  | EmissionModel
  | AbsorptionModel
  | EmissionAbsorptionModel
  | EmissionPhysicalModel
  | AbsorptionPhysicalModel
  | EmissionAbsorptionPhysicalModel;

/** A model class (what `Optimize` takes). */
export type HiModelClass = new (data: HiDataInput, options: HiModelOptions) => HiModel;

/** The model class of each family (e.g. to pick one from a config's `model` field). */
export const MODEL_CLASSES: Readonly<Record<HiModelKind, HiModelClass>> = {
  emission: EmissionModel,
  absorption: AbsorptionModel,
  "emission-absorption": EmissionAbsorptionModel,
  "emission-physical": EmissionPhysicalModel,
  "absorption-physical": AbsorptionPhysicalModel,
  "emission-absorption-physical": EmissionAbsorptionPhysicalModel,
};
