/**
 * The logistic distribution.
 */
import type { Tensor, TensorLike } from "@sidereal/tensor";
import { abs, add, exp, log1p, logit, logSigmoid, mul, neg, sigmoid } from "@sidereal/tensor";
import type { DistributionOptions } from "../validate.js";
import { LocScaleDistribution } from "./loc-scale.js";
import { callable } from "./univariate.js";

/**
 * Logistic(loc, scale): density e^(-z) / (scale (1 + e^(-z))²), z = (x - loc)/scale,
 * evaluated as -|z| - 2 log1p(e^(-|z|)) - log(scale) (symmetric, no overflow). Variance
 * scale² π²/3, entropy log(scale) + 2, cdf σ(z), icdf loc + scale logit(q).
 * Reparameterised sampling `loc + scale logit(u)`. A concrete scale ≤ 0 throws a
 * DistributionError.
 */
export class LogisticDistribution extends LocScaleDistribution {
  constructor(loc: TensorLike = 0, scale: TensorLike = 1, options?: DistributionOptions) {
    super("Logistic", loc, scale, options);
  }
  protected standardLogProb(z: Tensor): Tensor {
    const a = abs(z);
    return neg(add(a, mul(log1p(exp(neg(a))), 2)));
  }
  protected standardMean(): number {
    return 0;
  }
  protected standardVariance(): number {
    return (Math.PI * Math.PI) / 3;
  }
  protected standardEntropy(): number {
    return 2;
  }
  protected override standardCdf(z: Tensor): Tensor {
    return sigmoid(z);
  }
  protected override standardIcdf(q: TensorLike): Tensor {
    return logit(q);
  }
  /** log σ(z) = −softplus(−z), stable in both tails. */
  protected override standardLogCdf(z: Tensor): Tensor {
    return logSigmoid(z);
  }
}

/** Logistic(loc, scale) — see {@link LogisticDistribution}. */
export const Logistic = callable(LogisticDistribution);
