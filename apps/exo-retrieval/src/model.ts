/**
 * The seed's `model_prob` (seeds/001) with its priors exactly as printed there:
 * logg ~ U(4, 5), RV ~ U(35, 45), MMR ~ U(0, 0.015), T0 ~ U(1000, 1500), α ~ U(0.05, 0.2),
 * vsini ~ U(5, 15), σ ~ Exponential(1e-3), spectrum ~ N(fspec(T0, α, MMR, 10^logg, RV, vsini), σ).
 * This module starts no run: worker threads import it.
 */
import { defineModel } from "@sidereal/autodiff-samplers";
import { Exponential, Normal, Uniform } from "@sidereal/distributions";
import { exp, mul } from "@sidereal/tensor";
import { forwardModel, type ModelSettings } from "./forward.js";

/** What the model is conditioned on (plain data: it is sent to worker threads). */
export interface ExoData {
  readonly settings: ModelSettings;
  /** Observed wavenumbers (cm⁻¹, ascending); absent: the seed's grid. */
  readonly nuObs?: Float64Array;
  /** Observed flux; absent for predictive draws. */
  readonly spectrum?: Float64Array;
}

/** The seed's priors, by site name (each call builds the distribution afresh). */
export const PRIORS = {
  logg: () => Uniform(4.0, 5.0),
  RV: () => Uniform(35.0, 45.0),
  MMR: () => Uniform(0.0, 0.015),
  T0: () => Uniform(1000.0, 1500.0),
  alpha: () => Uniform(0.05, 0.2),
  vsini: () => Uniform(5.0, 15.0),
  sigmain: () => Exponential(1e-3),
} as const;

/** Each prior's median (σ: ln 2 / 10⁻³ ≈ 693), the start of `nuts --init advi`. */
export function priorMedians(): Record<keyof typeof PRIORS, number> {
  const out = {} as Record<keyof typeof PRIORS, number>;
  for (const [name, prior] of Object.entries(PRIORS))
    out[name as keyof typeof PRIORS] = prior().icdf(0.5).item();
  return out;
}

export const exoModel = defineModel(
  (m, d: ExoData) => {
    const logg = m.sample("logg", PRIORS.logg());
    const RV = m.sample("RV", PRIORS.RV());
    const mmr = m.sample("MMR", PRIORS.MMR());
    const T0 = m.sample("T0", PRIORS.T0());
    const alpha = m.sample("alpha", PRIORS.alpha());
    const vsini = m.sample("vsini", PRIORS.vsini());
    const fm = forwardModel(d.settings, d.nuObs);
    const mu = fm.forward({ T0, alpha, mmr, g: exp(mul(logg, Math.LN10)), RV, vsini });
    const sigmain = m.sample("sigmain", PRIORS.sigmain());
    m.sample("spectrum", Normal(mu, sigmain), { obs: d.spectrum });
  },
  { module: import.meta.url, export: "exoModel" },
);
