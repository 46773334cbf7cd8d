/**
 * The normal distribution N(loc, scale²).
 */
import {
  add,
  div,
  log,
  mul,
  ndtr,
  ndtri,
  type Shape,
  square,
  sub,
  type Tensor,
  type TensorLike,
  tensor,
} from "@sidereal/tensor";
import { real } from "../constraints/index.js";
import { normal, type PRNGKey } from "../random/index.js";
import { type ContinuousOptions, checkParam, isPositive, param } from "./params.js";
import { UnivariateDistribution } from "./univariate.js";

export const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * Normal(loc, scale): density exp(-z²/2) / (scale √(2π)), z = (x - loc)/scale, support
 * the real line. Reparameterised sampling `loc + scale ε`. Throws DistributionError at
 * construction for a concrete scale ≤ 0 (NaN propagates).
 */
export class NormalDistribution extends UnivariateDistribution {
  readonly name = "Normal";
  readonly support = real;
  override readonly hasRsample = true;
  readonly loc: Tensor;
  readonly scale: Tensor;

  constructor(loc: TensorLike = 0, scale: TensorLike = 1, options?: ContinuousOptions) {
    const l = param(loc);
    const s = param(scale);
    super("Normal", [l, s]);
    checkParam("Normal", "scale", s, isPositive, "positive", options);
    this.loc = l;
    this.scale = s;
  }

  /** -z²/2 - log(scale) - log(2π)/2. */
  logProb(value: TensorLike): Tensor {
    const z = div(sub(value, this.loc), this.scale);
    return sub(mul(square(z), -0.5), add(log(this.scale), HALF_LOG_2PI));
  }

  sample(key: PRNGKey, sampleShape: Shape = []): Tensor {
    const shape = this.shape(sampleShape);
    const eps = tensor(normal(key, shape), shape);
    return add(this.loc, mul(this.scale, eps));
  }

  override get mean(): Tensor {
    return this.batch(this.loc);
  }
  override get variance(): Tensor {
    return this.batch(square(this.scale));
  }
  /** Φ((x - loc)/scale). */
  override cdf(value: TensorLike): Tensor {
    return ndtr(div(sub(value, this.loc), this.scale));
  }
  /** loc + scale Φ⁻¹(q). */
  override icdf(q: TensorLike): Tensor {
    return add(this.loc, mul(this.scale, ndtri(q)));
  }
  /** 1/2 + log(2π)/2 + log(scale). */
  override entropy(): Tensor {
    return this.batch(add(log(this.scale), 0.5 + HALF_LOG_2PI));
  }
}

/** Normal(loc, scale) — NumPyro's argument order; see {@link NormalDistribution}. */
export function Normal(
  loc: TensorLike = 0,
  scale: TensorLike = 1,
  options?: ContinuousOptions,
): NormalDistribution {
  return new NormalDistribution(loc, scale, options);
}
