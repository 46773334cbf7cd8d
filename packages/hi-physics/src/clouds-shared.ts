/**
 * Pieces shared by the HIModel families (spec §2.2): the `_norm` reparameterised priors of
 * fwhm2, log10_nHI, velocity, log10_n_alpha (and fwhm_L), and the closing deterministics
 * log10_Pth, log10_NHI, log10_depth. Called inside plate "cloud".
 */
import type { ModelContext } from "@sidereal/autodiff-samplers";
import { Beta, Gamma, HalfNormal, Normal } from "@sidereal/distributions";
import { add, log10, mul, pow, type Tensor } from "@sidereal/tensor";
import { calcLog10ColumnDensityTensor, calcLog10DensityTensor } from "./column-density.js";
import type { HiModelData } from "./model-data.js";
import { calcSpinTempTensor } from "./spin-temperature.js";

/** What the likelihood needs from the cloud block (per-cloud tensors [N]). */
export interface CloudParams {
  readonly velocity: Tensor;
  readonly fwhm2: Tensor;
  /** Lorentzian FWHM: per cloud, a shared scalar, or 0. */
  readonly fwhmL: Tensor | number;
  readonly tspin: Tensor;
  readonly tauTotal: Tensor;
  /** Filling factor (emission families). */
  readonly fillingFactor: Tensor | number;
  /** Absorption weight w (τ_abs = w τ): a deterministic, or 1 (constant column density). */
  readonly absorptionWeight: Tensor | number;
}

/** HIModel's common priors (tutorial version, spec §2.2), in caribou_hi's creation order. */
export interface CommonClouds {
  readonly fwhm2: Tensor;
  readonly log10NHI: Tensor;
  readonly velocity: Tensor;
  readonly log10NAlpha: Tensor;
  readonly fwhmL: Tensor | number;
}

/** fwhm2, log10_nHI, velocity, log10_n_alpha (and fwhm_L) with their `_norm` free RVs. */
export function commonClouds(m: ModelContext, d: HiModelData): CommonClouds {
  const p = d.priors;
  // χ²₁ = Gamma(shape ½, rate ½): fwhm2 is then a half-normal FWHM of σ = sqrt(priorFwhm2), squared.
  const fwhm2Norm = m.sample("fwhm2_norm", Gamma(0.5, 0.5));
  const fwhm2 = m.deterministic("fwhm2", mul(p.fwhm2, fwhm2Norm));
  const nHINorm = m.sample("log10_nHI_norm", Normal(0, 1));
  const log10NHI = m.deterministic("log10_nHI", add(p.log10NHI[0], mul(p.log10NHI[1], nHINorm)));
  const velocityNorm = m.sample("velocity_norm", Beta(2, 2));
  const [lo, hi] = p.velocity;
  const velocity = m.deterministic("velocity", add(lo, mul(hi - lo, velocityNorm)));
  const nAlphaNorm = m.sample("log10_n_alpha_norm", Normal(0, 1));
  const log10NAlpha = m.deterministic(
    "log10_n_alpha",
    add(p.log10NAlpha[0], mul(p.log10NAlpha[1], nAlphaNorm)),
  );
  let fwhmL: Tensor | number = 0;
  if (p.fwhmL !== null) {
    const fwhmLNorm = m.sample("fwhm_L_norm", HalfNormal(1));
    fwhmL = m.deterministic("fwhm_L", mul(p.fwhmL, fwhmLNorm));
  }
  return { fwhm2, log10NHI, velocity, log10NAlpha, fwhmL };
}

/** Beta-distributed factor site named `name` with shape `[a, b]`. */
export function betaSite(m: ModelContext, name: string, shape: readonly [number, number]): Tensor {
  return m.sample(name, Beta(shape[0], shape[1]));
}

/** `tspin = calc_spin_temp(tkin, 10^log10_nHI, 10^log10_n_alpha)` as a deterministic. */
export function spinTempSite(m: ModelContext, tkin: Tensor, c: CommonClouds): Tensor {
  return m.deterministic(
    "tspin",
    calcSpinTempTensor(tkin, pow(10, c.log10NHI), pow(10, c.log10NAlpha)),
  );
}

/**
 * Closes an HIModel cloud block: its deterministics (see {@link closingDeterministics}) and the
 * parameters the likelihood needs.
 */
export function closeClouds(
  m: ModelContext,
  c: CommonClouds,
  tkin: Tensor,
  tspin: Tensor,
  tauTotal: Tensor,
  emission: Pick<CloudParams, "fillingFactor" | "absorptionWeight">,
): CloudParams {
  closingDeterministics(m, tkin, c.log10NHI, tspin, tauTotal);
  return { velocity: c.velocity, fwhm2: c.fwhm2, fwhmL: c.fwhmL, tspin, tauTotal, ...emission };
}

/** HIModel.add_deterministics: log10_Pth, log10_NHI, log10_depth. */
export function closingDeterministics(
  m: ModelContext,
  tkin: Tensor,
  log10NHI: Tensor,
  tspin: Tensor,
  tauTotal: Tensor,
): void {
  m.deterministic("log10_Pth", add(log10(tkin), log10NHI));
  const log10ColumnNHI = m.deterministic(
    "log10_NHI",
    calcLog10ColumnDensityTensor(tauTotal, tspin),
  );
  m.deterministic("log10_depth", calcLog10DensityTensor(log10ColumnNHI, log10NHI));
}
