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

/** The observed spectra (absorption first, then emission; spec §2.3). */
function likelihood(m: ModelContext, d: HiModelData, c: CloudParams, base: Map<string, Tensor>) {
  const byKey = new Map(d.datasets.map((ds) => [ds.key, ds]));
  const abs = byKey.get("absorption");
  if (abs && d.kind !== "emission" && d.kind !== "emission-physical") {
    const tau = cloudOpticalDepth(abs.spectral, c.velocity, c.fwhm2, c.fwhmL, c.tauTotal);
    observe(
      m,
      abs,
      add(absorptionSpectrumTensor(tau, c.absorptionWeight), base.get("absorption") as Tensor),
    );
  }
  const em = byKey.get("emission");
  if (em && d.kind !== "absorption" && d.kind !== "absorption-physical") {
    const tau = cloudOpticalDepth(em.spectral, c.velocity, c.fwhm2, c.fwhmL, c.tauTotal);
    const tb = radiativeTransferTensor(tau, c.tspin, c.fillingFactor as Tensor, d.bgTemp);
    observe(m, em, add(tb, base.get("emission") as Tensor));
  }
}

/** The model body (see the module doc). */
export function hiModelBody(m: ModelContext, d: HiModelData): CloudParams {
  const base = baselines(m, d);
  const hyper = physicalHyper(m, d);
  const clouds = m.plate("cloud", d.nClouds, () => cloudBlock(m, d, hyper));
  if (d.likelihood) likelihood(m, d, clouds, base);
  return clouds;
}

/** Every caribou_hi model family as one model of the PPL (see the module doc). */
export const hiModel: Model<HiModelData, CloudParams> = defineModel(hiModelBody, {
  module: import.meta.url,
  export: "hiModel",
});
