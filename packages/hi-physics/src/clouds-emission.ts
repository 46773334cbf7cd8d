/**
 * Cloud block of EmissionModel and EmissionAbsorptionModel (tutorial version, spec §2.3):
 *
 * TB_fwhm = prior_TB_fwhm · HalfNormal(1); fwhm = sqrt(fwhm2); tkin_min = TB_fwhm / fwhm (the
 * peak T_B); tkin_max = fwhm2 / c_th² (all width thermal); tkin = tkin_max when
 * tkin_min > tkin_max, else tkin_min + Beta · (tkin_max − tkin_min); tspin = T_s(tkin, n, n_α);
 * filling_factor ~ Beta; τ_peak = −ln(1 − y), y = TB_fwhm / (fwhm f T_s) clipped to
 * [0, 0.9999]; tau_total = τ_peak · fwhm · C_G. With prior_sigma_log10_NHI = σ (EA only):
 * wt_ff_tspin ~ LogNormal(−½(ln10 σ)² − ln T_s, ln10 σ) and absorption_weight =
 * wt_ff_tspin · T_s · f (so E[w/f] = 1); else the weight is 1.
 */
import type { ModelContext } from "@sidereal/autodiff-samplers";
import { HalfNormal, LogNormal } from "@sidereal/distributions";
import { add, clip, div, gt, log, log1p, mul, neg, sqrt, sub, where } from "@sidereal/tensor";
import {
  betaSite,
  type CloudParams,
  closeClouds,
  commonClouds,
  spinTempSite,
} from "./clouds-shared.js";
import { GAUSSIAN_AREA_CONST } from "./constants.js";
import { calcKineticTempTensor } from "./line-width.js";
import type { HiModelData } from "./model-data.js";

/** Largest T_B / (f T_s) allowed before τ_peak = −ln(1 − y) (caribou_hi v4.0's clip). */
export const MAX_BRIGHTNESS_RATIO = 0.9999;

export function emissionClouds(m: ModelContext, d: HiModelData): CloudParams {
  const p = d.priors;
  const c = commonClouds(m, d);
  const tbFwhm = m.deterministic("TB_fwhm", mul(p.TBFwhm, m.sample("TB_fwhm_norm", HalfNormal(1))));
  const fwhm = sqrt(c.fwhm2);
  const tkinMin = div(tbFwhm, fwhm);
  const tkinMax = calcKineticTempTensor(c.fwhm2);
  const factor = betaSite(m, "tkin_factor_norm", p.tkinFactor);
  const tkin = m.deterministic(
    "tkin",
    where(gt(tkinMin, tkinMax), tkinMax, add(tkinMin, mul(factor, sub(tkinMax, tkinMin)))),
  );
  const tspin = spinTempSite(m, tkin, c);
  const fillingFactor = betaSite(m, "filling_factor", p.fillingFactor);
  const ratio = clip(div(tbFwhm, mul(mul(fwhm, fillingFactor), tspin)), 0, MAX_BRIGHTNESS_RATIO);
  const tauPeak = neg(log1p(neg(ratio)));
  const tauTotal = m.deterministic("tau_total", mul(tauPeak, mul(fwhm, GAUSSIAN_AREA_CONST)));
  let absorptionWeight: CloudParams["absorptionWeight"] = 1;
  if (d.kind === "emission-absorption" && p.sigmaLog10NHI !== null) {
    const sigmaLn = Math.LN10 * p.sigmaLog10NHI;
    const wtFfTspin = m.sample(
      "wt_ff_tspin",
      LogNormal(sub(-0.5 * sigmaLn * sigmaLn, log(tspin)), sigmaLn),
    );
    absorptionWeight = m.deterministic(
      "absorption_weight",
      mul(mul(wtFfTspin, tspin), fillingFactor),
    );
  }
  return closeClouds(m, c, tkin, tspin, tauTotal, { fillingFactor, absorptionWeight });
}
