/**
 * The caribou_hi models as one `@sidereal/autodiff-samplers` model, `hiModel`, whose data
 * ({@link HiModelData}) names the family: baselines first (one `baseline_<key>_norm` per
 * dataset, in data order, plate "baseline_coeff"), then hyper-parameters, then the cloud
 * parameters in plate "cloud" (family blocks in `./clouds-*.ts`), then the observed spectra
 * (absorption before emission, as caribou_hi). Every derived quantity downstream uses the value
 * returned by `m.deterministic`, so substituting a deterministic (as PyMC's `eval(givens)`)
 * propagates — the simulation relies on this.
 *
 * Importable by worker threads (`ref`: this module, export "hiModel").
 */
import { defineModel, type Model, type ModelContext } from "@sidereal/autodiff-samplers";
import { Normal } from "@sidereal/distributions";
import { add, mul, sum, type Tensor, tensor } from "@sidereal/tensor";
import { absorptionClouds } from "./clouds-absorption.js";
import { emissionClouds } from "./clouds-emission.js";
import { physicalClouds, physicalHyper } from "./clouds-physical.js";
import type { CloudParams } from "./clouds-shared.js";
import { absorptionSpectrumFused } from "./fused-absorption.js";
import { emissionSpectrumFused } from "./fused-emission.js";
import { gaussianTauCoefficients } from "./fused-tau.js";
import type { DatasetData, HiModelData } from "./model-data.js";
import { cloudOpticalDepth } from "./optical-depth.js";
import { absorptionSpectrumTensor, radiativeTransferTensor } from "./radiative-transfer.js";

/** Baseline of each dataset: basis [S, D] · coefficients [D]. */
function baselines(m: ModelContext, d: HiModelData): Map<string, Tensor> {
  const out = new Map<string, Tensor>();
  const nCoeff = d.baselineDegree + 1;
  for (const ds of d.datasets) {
    const widths = d.priors.baselineCoeffs[ds.key];
    const coeffs = m.plate("baseline_coeff", nCoeff, () =>
      m.sample(`baseline_${ds.key}_norm`, Normal(0, tensor(Float64Array.from(widths)))),
    );
    const basis = tensor(ds.baselineBasis, [ds.spectral.length, nCoeff]);
    out.set(ds.key, sum(mul(basis, coeffs), -1));
  }
  return out;
}

function cloudBlock(m: ModelContext, d: HiModelData, hyperFwhmL: Tensor | null): CloudParams {
  switch (d.kind) {
    case "emission":
    case "emission-absorption":
      return emissionClouds(m, d);
    case "absorption":
      return absorptionClouds(m, d);
    default:
      return physicalClouds(m, d, hyperFwhmL);
  }
}

function observe(m: ModelContext, ds: DatasetData, mean: Tensor): void {
  // A constant noise is passed as a scalar (the same densities; cheaper broadcasting).
  const constant = ds.noise.every((x) => x === ds.noise[0]);
  m.sample(ds.key, Normal(mean, constant ? ds.noise[0] : tensor(ds.noise)), { obs: ds.brightness });
}

/** A per-cloud parameter that is one [N] vector (or, where `constantOk`, a constant). */
function cloudVector(t: Tensor | number, n: number, constantOk: boolean): boolean {
  return typeof t === "number" ? constantOk : t.rank === 1 && t.shape[0] === n;
}

/**
 * What both fused kernels need: Gaussian lines (fwhm_L the constant 0) and velocity, fwhm2 and
 * τ as one [N] vector each (the model's own case; the physics functions also take batches).
 */
function fusableLines(c: CloudParams): boolean {
  const n = c.velocity.shape[0];
  return (
    c.fwhmL === 0 &&
    c.velocity.rank === 1 &&
    cloudVector(c.fwhm2, n, false) &&
    cloudVector(c.tauTotal, n, false)
  );
}

/** True when the fused absorption kernel applies; the weight may be a constant. */
function fusableAbsorption(c: CloudParams): boolean {
  return fusableLines(c) && cloudVector(c.absorptionWeight, c.velocity.shape[0], true);
}

/** True when the fused emission kernel applies (T_s and f per cloud). */
function fusableEmission(c: CloudParams): boolean {
  const n = c.velocity.shape[0];
  return (
    fusableLines(c) && cloudVector(c.tspin, n, false) && cloudVector(c.fillingFactor, n, false)
  );
}

/** The noise-free absorption spectrum 1 − exp(−Σ w τ) of dataset `ds`. */
function absorptionMean(ds: DatasetData, c: CloudParams, fused: boolean): Tensor {
  if (fused) {
    const k = gaussianTauCoefficients(tensor(ds.spectral), c.fwhm2, c.tauTotal);
    return absorptionSpectrumFused(
      ds.spectral,
      c.velocity,
      k.rate,
      k.logAmplitude,
      c.absorptionWeight,
    );
  }
  const tau = cloudOpticalDepth(ds.spectral, c.velocity, c.fwhm2, c.fwhmL, c.tauTotal);
  return absorptionSpectrumTensor(tau, c.absorptionWeight);
}

/** The noise-free emission spectrum T_B of dataset `ds` (without baseline). */
function emissionMean(ds: DatasetData, d: HiModelData, c: CloudParams, fused: boolean): Tensor {
  if (fused) {
    const k = gaussianTauCoefficients(tensor(ds.spectral), c.fwhm2, c.tauTotal);
    return emissionSpectrumFused(
      ds.spectral,
      c.velocity,
      k.rate,
      k.logAmplitude,
      c.tspin,
      c.fillingFactor as Tensor,
      d.bgTemp,
    );
  }
  const tau = cloudOpticalDepth(ds.spectral, c.velocity, c.fwhm2, c.fwhmL, c.tauTotal);
  return radiativeTransferTensor(tau, c.tspin, c.fillingFactor as Tensor, d.bgTemp);
}

/**
 * The observed spectra (absorption first, then emission; spec §2.3). `fused` (the default)
 * computes Gaussian-line spectra with the fused kernels (`fused-*.ts`: the same numbers, one
 * loop instead of the tensor graph); false keeps the tensor graph, the reference the tests
 * compare the kernels with.
 */
function likelihood(
  m: ModelContext,
  d: HiModelData,
  c: CloudParams,
  base: Map<string, Tensor>,
  fused: boolean,
) {
  const byKey = new Map(d.datasets.map((ds) => [ds.key, ds]));
  const abs = byKey.get("absorption");
  if (abs && d.kind !== "emission" && d.kind !== "emission-physical")
    observe(
      m,
      abs,
      add(absorptionMean(abs, c, fused && fusableAbsorption(c)), base.get("absorption") as Tensor),
    );
  const em = byKey.get("emission");
  if (em && d.kind !== "absorption" && d.kind !== "absorption-physical")
    observe(
      m,
      em,
      add(emissionMean(em, d, c, fused && fusableEmission(c)), base.get("emission") as Tensor),
    );
}

/** The model body (see the module doc). */
export function hiModelBody(m: ModelContext, d: HiModelData): CloudParams {
  return modelBody(m, d, true);
}

function modelBody(m: ModelContext, d: HiModelData, fused: boolean): CloudParams {
  const base = baselines(m, d);
  const hyper = physicalHyper(m, d);
  const clouds = m.plate("cloud", d.nClouds, () => cloudBlock(m, d, hyper));
  if (d.likelihood) likelihood(m, d, clouds, base, fused);
  return clouds;
}

/** Every caribou_hi model family as one model of the PPL (see the module doc). */
export const hiModel: Model<HiModelData, CloudParams> = defineModel(hiModelBody, {
  module: import.meta.url,
  export: "hiModel",
});

/**
 * `hiModel` with the spectra computed by the tensor graph instead of the fused kernels: the
 * reference of the kernels' tests (not exported from the package).
 */
export const hiModelUnfused: Model<HiModelData, CloudParams> = defineModel((m, d) =>
  modelBody(m, d, false),
);
