/**
 * The plain data a caribou_hi model runs on (structured-cloneable, so NUTS chains in worker
 * threads receive it): model family, cloud count, resolved priors and the spectra with their
 * precomputed baseline bases.
 */
import type { ResolvedPriors } from "./priors.js";
import type { SpecData } from "./spec-data.js";

/** The six caribou_hi model classes. */
export type HiModelKind =
  | "emission"
  | "absorption"
  | "emission-absorption"
  | "emission-physical"
  | "absorption-physical"
  | "emission-absorption-physical";

/** Dataset keys each family requires (spec §2.1). */
export const REQUIRED_DATASETS: Readonly<Record<HiModelKind, readonly string[]>> = {
  emission: ["emission"],
  absorption: ["absorption"],
  "emission-absorption": ["emission", "absorption"],
  "emission-physical": ["emission"],
  "absorption-physical": ["absorption"],
  "emission-absorption-physical": ["emission", "absorption"],
};

/** One spectrum as the model sees it. */
export interface DatasetData {
  readonly key: string;
  readonly spectral: Float64Array;
  readonly noise: Float64Array;
  /** Observed brightness, or null to sample it (predictive draws, simulation). */
  readonly brightness: Float64Array | null;
  /**
   * Baseline basis, S × (degree + 1) row-major: column i = x_norm^i / (i+1)^i · median(noise)
   * (bayes_spec's `predict_baseline`: b = Σ c_i x_norm^i / (i+1)^i, un-normalised by the
   * brightness scale).
   */
  readonly baselineBasis: Float64Array;
}

/** Everything the model body needs. */
export interface HiModelData {
  readonly kind: HiModelKind;
  readonly nClouds: number;
  readonly baselineDegree: number;
  /** Background temperature of the emission radiative transfer (K). */
  readonly bgTemp: number;
  /** Size–linewidth power of the physical models. */
  readonly depthNthFwhmPower: number;
  readonly priors: ResolvedPriors;
  /** Spectra in the order of the user's data map (baselines are created in this order). */
  readonly datasets: readonly DatasetData[];
  /** Whether the observed sites are part of the model (`addLikelihood()` was called). */
  readonly likelihood: boolean;
}

/** Baseline basis of a spectrum (see {@link DatasetData.baselineBasis}). */
export function baselineBasis(spec: SpecData, degree: number): Float64Array {
  const d = degree + 1;
  const out = new Float64Array(spec.spectral.length * d);
  spec.spectralNorm.forEach((x, s) => {
    for (let i = 0; i < d; i++) out[s * d + i] = (x ** i / (i + 1) ** i) * spec.brightnessScale;
  });
  return out;
}

/** The model's view of a spectrum; `observed: false` drops the brightness. */
export function datasetData(
  key: string,
  spec: SpecData,
  degree: number,
  observed: boolean,
): DatasetData {
  return {
    key,
    spectral: spec.spectral,
    noise: spec.noise,
    brightness: observed ? spec.brightness : null,
    baselineBasis: baselineBasis(spec, degree),
  };
}
