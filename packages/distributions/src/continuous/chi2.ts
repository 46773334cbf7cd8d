/**
 * The chi-squared distribution: Gamma(df/2, rate 1/2).
 */
import type { Tensor, TensorLike } from "@sidereal/tensor";
import { mul, toTensor } from "@sidereal/tensor";
import { positive } from "../constraints/index.js";
import type { DistributionOptions } from "../validate.js";
import { validateArgs } from "../validate.js";
import { GammaDistribution } from "./gamma.js";
import { callable } from "./univariate.js";

/**
 * Chi2(df): Gamma(concentration df/2, rate 1/2), density x^(ν/2-1) e^(-x/2) / (2^(ν/2) Γ(ν/2))
 * for x ≥ 0. Inherits logProb, sampling (not reparameterised), moments, cdf and entropy
 * from {@link GammaDistribution}. A concrete df ≤ 0 throws a DistributionError.
 */
export class Chi2Distribution extends GammaDistribution {
  static override readonly argConstraints = { df: positive };
  static override readonly reparametrized = [];
  override readonly name: string = "Chi2";
  readonly df: Tensor;

  constructor(df: TensorLike, options?: DistributionOptions) {
    const d = toTensor(df);
    validateArgs("Chi2", Chi2Distribution.argConstraints, { df: d }, options);
    super(mul(d, 0.5), 0.5, { validateArgs: false });
    this.df = d;
  }
}

/** Chi2(df) — see {@link Chi2Distribution}. */
export const Chi2 = callable(Chi2Distribution);
