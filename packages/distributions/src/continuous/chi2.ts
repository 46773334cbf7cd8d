/**
 * The chi-squared distribution: Gamma(df/2, rate 1/2).
 */
import { mul, type Tensor, type TensorLike } from "@sidereal/tensor";
import { GammaDistribution } from "./gamma.js";
import { type ContinuousOptions, checkParam, isPositive, param } from "./params.js";

/**
 * Chi2(df): Gamma(concentration df/2, rate 1/2), density x^(ν/2-1) e^(-x/2) / (2^(ν/2) Γ(ν/2))
 * for x ≥ 0. Inherits logProb, sampling (not reparameterised), moments, cdf and entropy
 * from {@link GammaDistribution}. Throws DistributionError for a concrete df ≤ 0.
 */
export class Chi2Distribution extends GammaDistribution {
  override readonly name: string = "Chi2";
  readonly df: Tensor;

  constructor(df: TensorLike, options?: ContinuousOptions) {
    const d = param(df);
    checkParam("Chi2", "df", d, isPositive, "positive", options);
    super(mul(d, 0.5), 0.5, { validate: false });
    this.df = d;
  }
}

/** Chi2(df) — see {@link Chi2Distribution}. */
export function Chi2(df: TensorLike, options?: ContinuousOptions): Chi2Distribution {
  return new Chi2Distribution(df, options);
}
