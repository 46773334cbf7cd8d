/**
 * The normal distribution N(loc, scale²).
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import { logNdtr, mul, ndtr, ndtri, square, tensor } from "@sidereal/tensor";
import type { PRNGKey } from "../random/index.js";
import { normal } from "../random/index.js";
import type { DistributionOptions } from "../validate.js";
import { LocScaleDistribution } from "./loc-scale.js";
import { callable } from "./univariate.js";

export const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * Normal(loc, scale): density exp(-z²/2) / (scale √(2π)), z = (x - loc)/scale, support
 * the real line. Reparameterised sampling `loc + scale ε`. cdf Φ(z), icdf loc + scale Φ⁻¹(q),
 * entropy 1/2 + log(2π)/2 + log(scale). A concrete scale ≤ 0 throws a DistributionError
 * (NaN propagates).
 */
export class NormalDistribution extends LocScaleDistribution {
  constructor(loc: TensorLike = 0, scale: TensorLike = 1, options?: DistributionOptions) {
    super("Normal", loc, scale, options);
  }
  /** -z²/2 (normaliser log(2π)/2). */
  protected standardLogProb(z: Tensor): Tensor {
    return mul(square(z), -0.5);
  }
  protected override standardLogNormalizer(): number {
    return HALF_LOG_2PI;
  }
  protected override standardSample(key: PRNGKey, shape: Shape): Tensor {
    return tensor(normal(key, shape), shape);
  }
  protected standardMean(): number {
    return 0;
  }
  protected standardVariance(): number {
    return 1;
  }
  protected standardEntropy(): number {
    return 0.5 + HALF_LOG_2PI;
  }
  protected override standardCdf(z: Tensor): Tensor {
    return ndtr(z);
  }
  protected override standardIcdf(q: TensorLike): Tensor {
    return ndtri(q);
  }
  /** log Φ(z), finite far into the left tail (logNdtr); logSurvival is log Φ(−z). */
  protected override standardLogCdf(z: Tensor): Tensor {
    return logNdtr(z);
  }
}

/** Normal(loc, scale) — NumPyro's argument order; see {@link NormalDistribution}. */
export const Normal = callable(NormalDistribution);
