/**
 * The half-Cauchy distribution: |X| for X ~ Cauchy(0, scale).
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import { add, atan, div, full, log, lt, mul, sub, tan, toTensor, where } from "@sidereal/tensor";
import type { PRNGKey } from "../random/index.js";
import type { DistributionOptions } from "../validate.js";
import { CauchyDistribution } from "./cauchy.js";
import { HalfDistribution } from "./half.js";
import { cdfAbove, openUniform } from "./params.js";
import { callable } from "./univariate.js";

/**
 * HalfCauchy(scale): density 2 / (π scale (1 + (x/scale)²)) for x ≥ 0, -Infinity for
 * x < 0: Cauchy(0, scale) folded at 0 (see {@link HalfDistribution}), so its log-density
 * is finite out to |x| ~ 1e300. Mean and variance +Infinity (NumPyro). Reparameterised
 * sampling through the inverse cdf. A concrete scale ≤ 0 throws a DistributionError.
 */
export class HalfCauchyDistribution extends HalfDistribution {
  constructor(scale: TensorLike = 1, options?: DistributionOptions) {
    super("HalfCauchy", scale, options, CauchyDistribution);
  }
  override sample(key: PRNGKey, sampleShape: Shape = []): Tensor {
    return this.icdf(openUniform(key, this.shape(sampleShape)));
  }
  override get mean(): Tensor {
    return full(this.batchShape, Number.POSITIVE_INFINITY);
  }
  override get variance(): Tensor {
    return full(this.batchShape, Number.POSITIVE_INFINITY);
  }
  /** (2/π) atan(x/scale) for x ≥ 0, 0 below. */
  override cdf(value: TensorLike): Tensor {
    return cdfAbove(value, 0, (x) => mul(atan(div(x, this.scale)), 2 / Math.PI), 0);
  }
  /** scale tan(π q / 2), as 1/tan(π(1 - q)/2) for q ≥ 1/2 (accurate near q = 1). */
  override icdf(q: TensorLike): Tensor {
    const tq = toTensor(q);
    const lower = lt(tq, 0.5);
    const t = tan(mul(where(lower, tq, sub(1, tq)), Math.PI / 2));
    return mul(this.scale, where(lower, t, div(1, t)));
  }
  /** log(2π scale). */
  override entropy(): Tensor {
    return this.batch(add(log(this.scale), Math.log(2 * Math.PI)));
  }
}

/** HalfCauchy(scale) — see {@link HalfCauchyDistribution}. */
export const HalfCauchy = callable(HalfCauchyDistribution);
