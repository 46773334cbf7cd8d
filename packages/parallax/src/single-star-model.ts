/**
 * Seed 004's `gaia_single_model` as a model of the `@sidereal/autodiff-samplers` PPL: the
 * distance of one star from its parallax with the EDSD prior written as (L/2)·χ²₆.
 */
import { defineModel, type Model } from "@sidereal/autodiff-samplers";
import { Chi2, Normal } from "@sidereal/distributions";
import { add, div, mul } from "@sidereal/tensor";

/** Data of {@link singleStarModel} (structured-cloneable, so worker threads can receive it). */
export interface SingleStarData {
  /** Parallax uncertainty σ_ϖ [mas] (> 0). */
  readonly parallaxError: number;
  /** Observed parallax ϖ [mas]; omit (or null) to sample it (prior predictive). */
  readonly parallax?: number | null;
  /** Parallax zero point [mas] added to the model parallax (default 0). */
  readonly zeroPoint?: number;
  /** EDSD length scale [pc] (default 370, as the seed). */
  readonly L?: number;
}

/**
 * `normed ~ χ²₆`; deterministic `r = ½ L · normed` [pc] (so r ~ EDSD(L), p(r) = r² e^{-r/L}
 * / (2L³)); `plx ~ Normal(1000 / r + zeroPoint, parallaxError)`, observed when `parallax`
 * is given. One latent site ("normed", unconstrained as ln normed). The same posterior is
 * computed by quadrature in `singleStarDistance`. A non-positive `parallaxError` makes the
 * Normal throw a `DistributionError` when the model runs. Importable by worker threads
 * (`ref`: this module, export "singleStarModel").
 */
export const singleStarModel: Model<SingleStarData> = defineModel(
  (m, d: SingleStarData) => {
    const L = d.L ?? 370;
    const normed = m.sample("normed", Chi2(6));
    const r = m.deterministic("r", mul(0.5 * L, normed));
    m.sample("plx", Normal(add(div(1000, r), d.zeroPoint ?? 0), d.parallaxError), {
      obs: d.parallax ?? null,
    });
  },
  { module: import.meta.url, export: "singleStarModel" },
);
