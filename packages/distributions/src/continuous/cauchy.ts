/**
 * The Cauchy distribution.
 */
import {
  add,
  atan2,
  div,
  full,
  log,
  log1p,
  lt,
  mul,
  neg,
  type Shape,
  square,
  sub,
  type Tensor,
  type TensorLike,
  tan,
  toTensor,
  where,
} from "@sidereal/tensor";
import { real } from "../constraints/index.js";
import type { PRNGKey } from "../random/index.js";
import { type ContinuousOptions, checkParam, isPositive, openUniform, param } from "./params.js";
import { UnivariateDistribution } from "./univariate.js";

const LOG_PI = Math.log(Math.PI);

/**
 * Cauchy(loc, scale): density 1 / (π scale (1 + z²)), z = (x - loc)/scale. Mean NaN,
 * variance +Infinity (NumPyro). Reparameterised sampling `loc + scale tan(π(u - 1/2))`.
 * Throws DistributionError for a concrete scale ≤ 0.
 */
export class CauchyDistribution extends UnivariateDistribution {
  readonly name = "Cauchy";
  readonly support = real;
  override readonly hasRsample = true;
  readonly loc: Tensor;
  readonly scale: Tensor;

  constructor(loc: TensorLike = 0, scale: TensorLike = 1, options?: ContinuousOptions) {
    const l = param(loc);
    const s = param(scale);
    super("Cauchy", [l, s]);
    checkParam("Cauchy", "scale", s, isPositive, "positive", options);
    this.loc = l;
    this.scale = s;
  }

  /** -log π - log(scale) - log1p(z²). */
  logProb(value: TensorLike): Tensor {
    const z = div(sub(value, this.loc), this.scale);
    return neg(add(add(log1p(square(z)), log(this.scale)), LOG_PI));
  }

  sample(key: PRNGKey, sampleShape: Shape = []): Tensor {
    const shape = this.shape(sampleShape);
    return this.icdf(openUniform(key, shape));
  }

  override get mean(): Tensor {
    return full(this.batchShape, Number.NaN);
  }
  override get variance(): Tensor {
    return full(this.batchShape, Number.POSITIVE_INFINITY);
  }
  /** atan2(1, -z)/π (= 1/2 + atan(z)/π, without cancellation in the left tail). */
  override cdf(value: TensorLike): Tensor {
    const z = div(sub(value, this.loc), this.scale);
    return div(atan2(1, neg(z)), Math.PI);
  }
  /**
   * loc + scale tan(π(q - 1/2)), evaluated as -1/tan(πq) for q < 1/2 and 1/tan(π(1 - q))
   * otherwise, so that tail quantiles keep the digits of q.
   */
  override icdf(q: TensorLike): Tensor {
    const tq = toTensor(q);
    const lower = lt(tq, 0.5);
    const m = where(lower, tq, sub(1, tq));
    const z = div(where(lower, -1, 1), tan(mul(m, Math.PI)));
    return add(this.loc, mul(this.scale, z));
  }
  /** log(4π scale). */
  override entropy(): Tensor {
    return this.batch(add(log(this.scale), Math.log(4 * Math.PI)));
  }
}

/** Cauchy(loc, scale) — see {@link CauchyDistribution}. */
export function Cauchy(
  loc: TensorLike = 0,
  scale: TensorLike = 1,
  options?: ContinuousOptions,
): CauchyDistribution {
  return new CauchyDistribution(loc, scale, options);
}
