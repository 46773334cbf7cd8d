/**
 * The HIPhysicalModel family (caribou_hi v4.0/v4.1.0, spec §2.6): clouds described by physical
 * quantities — the thermal fraction of the line width sets T_k, the non-thermal rest sets the
 * depth through the size–linewidth law (power `depthNthFwhmPower`, default 1/3), and column
 * density / depth give the volume density.
 *
 * Common: fwhm2 = prior · χ²₁; velocity on [lo, hi] by Beta(2, 2); n_alpha = prior · HalfNormal;
 * nth_fwhm_1pc ~ N(μ, σ) truncated at 0; fwhm_L (if given) one shared HalfNormal hyper-parameter.
 * Emission*: ff_NHI = prior_ff_NHI · HalfNormal (f·N_HI); fwhm2_thermal_fraction ~ Beta;
 * filling_factor ~ Uniform(0, 1); log10_NHI = log10(ff_NHI / f). Absorption: log10_NHI =
 * log10(prior · HalfNormal · fwhm2_thermal). Then tkin, fwhm2_nonthermal, depth, log10_nHI,
 * tspin, tau_total; EA adds wt_ff_fwhm2_thermal ~ LogNormal(−½(ln10 σ)² − ln fwhm2_thermal,
 * ln10 σ) and absorption_weight = wt_ff_fwhm2_thermal · fwhm2_thermal · f. Closing
 * deterministics: log10_Pth, log10_Pnth, log10_Ptot.
 */
import type { ModelContext } from "@sidereal/autodiff-samplers";
import {
  Beta,
  Gamma,
  HalfNormal,
  LogNormal,
  TruncatedNormal,
  Uniform,
} from "@sidereal/distributions";
import {
  add,
  div,
  log,
  log10,
  logaddexp,
  mul,
  pow,
  sqrt,
  sub,
  type Tensor,
} from "@sidereal/tensor";
import type { CloudParams } from "./clouds-shared.js";
import {
  calcLog10DensityTensor,
  calcLog10NonthermalPressureTensor,
  calcTauTotalTensor,
} from "./column-density.js";
import { calcDepthNonthermalTensor, calcKineticTempTensor } from "./line-width.js";
import type { HiModelData } from "./model-data.js";
import { calcSpinTempTensor } from "./spin-temperature.js";

/** The shared Lorentzian width of the physical models (created before the cloud plate). */
export function physicalHyper(m: ModelContext, d: HiModelData): Tensor | null {
  if (!d.kind.endsWith("-physical") || d.priors.fwhmL === null) return null;
  return m.deterministic("fwhm_L", mul(d.priors.fwhmL, m.sample("fwhm_L_norm", HalfNormal(1))));
}

export function physicalClouds(m: ModelContext, d: HiModelData, fwhmL: Tensor | null): CloudParams {
  const p = d.priors;
  const fwhm2 = m.deterministic("fwhm2", mul(p.fwhm2, m.sample("fwhm2_norm", Gamma(0.5, 0.5))));
  const [lo, hi] = p.velocity;
  const velocity = m.deterministic(
    "velocity",
    add(lo, mul(hi - lo, m.sample("velocity_norm", Beta(2, 2)))),
  );
  const nAlpha = m.deterministic("n_alpha", mul(p.nAlpha, m.sample("n_alpha_norm", HalfNormal(1))));
  const nthFwhm1pc = m.sample(
    "nth_fwhm_1pc",
    TruncatedNormal(p.nthFwhm1pc[0], p.nthFwhm1pc[1], { low: 0 }),
  );
  const emission = d.kind !== "absorption-physical";
  const ffNHI = emission ? mul(p.ffNHI, m.sample("ff_NHI_norm", HalfNormal(1))) : null;
  const nhiPerFwhm2Th = emission
    ? null
    : mul(p.NHIFwhm2Thermal, m.sample("NHI_fwhm2_thermal_norm", HalfNormal(1)));
  const fraction = m.sample(
    "fwhm2_thermal_fraction",
    Beta(p.fwhm2ThermalFraction[0], p.fwhm2ThermalFraction[1]),
  );
  const fwhm2Thermal = m.deterministic("fwhm2_thermal", mul(fwhm2, fraction));
  const tkin = m.deterministic("tkin", calcKineticTempTensor(fwhm2Thermal));
  const fillingFactor = emission ? m.sample("filling_factor", Uniform(0, 1)) : null;
  const fwhm2Nonthermal = m.deterministic("fwhm2_nonthermal", sub(fwhm2, fwhm2Thermal));
  const depth = m.deterministic(
    "depth",
    calcDepthNonthermalTensor(sqrt(fwhm2Nonthermal), nthFwhm1pc, d.depthNthFwhmPower),
  );
  const log10NHI = m.deterministic(
    "log10_NHI",
    emission
      ? log10(div(ffNHI as Tensor, fillingFactor as Tensor))
      : log10(mul(nhiPerFwhm2Th as Tensor, fwhm2Thermal)),
  );
  const log10NHIDensity = m.deterministic(
    "log10_nHI",
    calcLog10DensityTensor(log10NHI, log10(depth)),
  );
  const tspin = m.deterministic(
    "tspin",
    calcSpinTempTensor(tkin, pow(10, log10NHIDensity), nAlpha),
  );
  const tauTotal = m.deterministic("tau_total", calcTauTotalTensor(pow(10, log10NHI), tspin));
  let absorptionWeight: CloudParams["absorptionWeight"] = 1;
  if (d.kind === "emission-absorption-physical") {
    const sigmaLn = Math.LN10 * (p.sigmaLog10NHI ?? 0.5);
    const wt = m.sample(
      "wt_ff_fwhm2_thermal",
      LogNormal(sub(-0.5 * sigmaLn * sigmaLn, log(fwhm2Thermal)), sigmaLn),
    );
    absorptionWeight = m.deterministic(
      "absorption_weight",
      mul(mul(wt, fwhm2Thermal), fillingFactor as Tensor),
    );
  }
  const log10Pth = m.deterministic("log10_Pth", add(log10(tkin), log10NHIDensity));
  const log10Pnth = m.deterministic(
    "log10_Pnth",
    calcLog10NonthermalPressureTensor(log10NHIDensity, fwhm2Nonthermal),
  );
  // log10(10^a + 10^b) = logaddexp(a ln10, b ln10) / ln10
  m.deterministic(
    "log10_Ptot",
    div(logaddexp(mul(Math.LN10, log10Pth), mul(Math.LN10, log10Pnth)), Math.LN10),
  );
  return {
    velocity,
    fwhm2,
    fwhmL: fwhmL ?? 0,
    tspin,
    tauTotal,
    fillingFactor: fillingFactor ?? 1,
    absorptionWeight,
  };
}
