/**
 * A distribution derived from a base and a transform, as NumPyro derives LogNormal and
 * InverseGamma (`TransformedDistribution(Normal, ExpTransform())`,
 * `TransformedDistribution(Gamma, PowerTransform(-1))`): logProb, sampling and the support
 * come from `TransformedDistributionImpl`; the subclass declares `argConstraints`, `support`
 * and `reparametrized`, hands its parameters (the base's broadcast tensors) here to be
 * validated under its own name and stored on the instance, and keeps the closed forms the
 * transform cannot give (mean, variance, entropy, cdf, …).
 */
import type { Tensor, TensorLike } from "@sidereal/tensor";
import { broadcastTo } from "@sidereal/tensor";
import type { Bijector } from "./bijectors/bijector.js";
import type { Distribution } from "./distribution.js";
import { TransformedDistributionImpl } from "./transformed.js";
import type { ArgConstraints, DistributionOptions } from "./validate.js";
import { validateArgs } from "./validate.js";

export abstract class DerivedDistribution extends TransformedDistributionImpl {
  protected constructor(
    name: string,
    argConstraints: ArgConstraints,
    params: Readonly<Record<string, Tensor>>,
    base: Distribution,
    transform: Bijector,
    options?: DistributionOptions,
  ) {
    validateArgs(name, argConstraints, params, options);
    super(base, transform);
    (this as { name: string }).name = name;
    Object.assign(this, params);
  }

  /** `t` broadcast to the batch shape (for mean, variance, entropy). */
  protected batch(t: TensorLike): Tensor {
    return broadcastTo(t, this.batchShape);
  }
}
