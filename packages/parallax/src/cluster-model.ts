/**
 * Seed 004's hierarchical `gaia_cluster_model` (the distance to M67) as a model of the
 * `@sidereal/autodiff-samplers` PPL.
 */
import { defineModel, type Model } from "@sidereal/autodiff-samplers";
import {
  Categorical,
  ExpTransform,
  MixtureGeneral,
  Normal,
  TransformedDistribution,
  Uniform,
} from "@sidereal/distributions";
import { add, div, exp, logsumexp, stack, sub } from "@sidereal/tensor";
import { EDSD } from "./edsd.js";

/** Data of {@link clusterModel} (structured-cloneable, so worker threads can receive it). */
export interface ClusterData {
  /** Parallax uncertainties σ_n [mas], one per star (> 0); sets the number of stars. */
  readonly parallaxError: Float64Array | readonly number[];
  /** Observed parallaxes [mas]; omit (or null) to sample them (prior/posterior predictive). */
  readonly parallax?: Float64Array | readonly number[] | null;
  /** Parallax zero points [mas] added to 1000/r (one per star, or one number; default 0). */
  readonly zeroPoint?: Float64Array | readonly number[] | number;
}

/**
 * The M67 model of seed 004 (site order = flat unconstrained layout
 * [log_L, log_D, log_sigma, logit Q, ln r_1 … ln r_N]):
 *
 * - `log_L ~ N(ln 370, 2)`, `log_D ~ N(ln 920, 2)`, `log_sigma ~ N(0, 2)`, `Q ~ U(0, 1)`;
 * - deterministics `L = e^{log_L}`, `D = e^{log_D}`, `approx_size = e^{log_sigma + log_D}`
 *   (= σ·D, the seed's linear-size approximation);
 * - in plate "star" (N = parallaxError.length): `r ~ MixtureGeneral(Categorical([Q, 1−Q]),
 *   [TransformedDistribution(Normal(log_D, e^{log_sigma}), ExpTransform()), EDSD(L)])` — a
 *   log-normal cluster and the EDSD background; deterministic `p` = membership
 *   log-probabilities [N, 2] (component 0 = cluster; `componentLogProbs(r)` minus their
 *   logsumexp); deterministic `plx_true = 1000 / r + zeroPoint`; `plx_obs ~ N(plx_true,
 *   parallaxError)`, observed when `parallax` is given.
 *
 * Importable by worker threads (`ref`: this module, export "clusterModel"). Non-positive
 * errors make the Normal throw a `DistributionError` when the model runs.
 */
export const clusterModel: Model<ClusterData> = defineModel(
  (m, d: ClusterData) => {
    const n = d.parallaxError.length;
    const logL = m.sample("log_L", Normal(Math.log(370), 2));
    const logD = m.sample("log_D", Normal(Math.log(920), 2));
    const logSigma = m.sample("log_sigma", Normal(0, 2));
    const Q = m.sample("Q", Uniform(0, 1));
    const L = m.deterministic("L", exp(logL));
    m.deterministic("D", exp(logD));
    m.deterministic("approx_size", exp(add(logSigma, logD)));
    m.plate("star", n, () => {
      const cluster = TransformedDistribution(Normal(logD, exp(logSigma)), ExpTransform());
      const background = EDSD(L);
      const mixture = MixtureGeneral(Categorical({ probs: stack([Q, sub(1, Q)], -1) }), [
        cluster,
        background,
      ]);
      const r = m.sample("r", mixture);
      const lp = mixture.componentLogProbs(r);
      m.deterministic("p", sub(lp, logsumexp(lp, -1, true)));
      const plxTrue = m.deterministic("plx_true", add(div(1000, r), d.zeroPoint ?? 0));
      m.sample("plx_obs", Normal(plxTrue, d.parallaxError), { obs: d.parallax ?? null });
    });
  },
  { module: import.meta.url, export: "clusterModel" },
);
