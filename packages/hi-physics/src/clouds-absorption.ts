/**
 * Cloud block of AbsorptionModel (v4.0, spec §2.5, on the tutorial-era HIModel priors):
 * tau_total = prior_tau_total · HalfNormal(1); tkin_max = fwhm2 / c_th²; tkin_factor ~ Beta
 * (no `_norm` suffix, as caribou_hi); tkin = tkin_factor · tkin_max; tspin = T_s(tkin, n, n_α).
 * No filling factor and no background temperature: absorption sees the full column.
 */
import type { ModelContext } from "@sidereal/autodiff-samplers";
import { HalfNormal } from "@sidereal/distributions";
import { mul } from "@sidereal/tensor";
import {
  betaSite,
  type CloudParams,
  closeClouds,
  commonClouds,
  spinTempSite,
} from "./clouds-shared.js";
import { calcKineticTempTensor } from "./line-width.js";
import type { HiModelData } from "./model-data.js";

export function absorptionClouds(m: ModelContext, d: HiModelData): CloudParams {
  const p = d.priors;
  const c = commonClouds(m, d);
  const tauTotal = m.deterministic(
    "tau_total",
    mul(p.tauTotal, m.sample("tau_total_norm", HalfNormal(1))),
  );
  const factor = betaSite(m, "tkin_factor", p.tkinFactor);
  const tkin = m.deterministic("tkin", mul(factor, calcKineticTempTensor(c.fwhm2)));
  const tspin = spinTempSite(m, tkin, c);
  return closeClouds(m, c, tkin, tspin, tauTotal, { fillingFactor: 1, absorptionWeight: 1 });
}
