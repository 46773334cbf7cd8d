/**
 * The exponential distribution with a rate.
 */
import {
  div,
  expm1,
  le,
  log,
  log1p,
  lt,
  mul,
  neg,
  reciprocal,
  type Shape,
  square,
  sub,
  type Tensor,
  type TensorLike,
  tensor,
  toTensor,
  where,
} from "@sidereal/tensor";
import { positive } from "../constraints/index.js";
import { exponential, type PRNGKey } from "../random/index.js";
import { type ContinuousOptions, checkParam, isPositive, maskedLogProb, param } from "./params.js";
import { UnivariateDistribution } from "./univariate.js";

/**
 * Exponential(rate): density rate e^(-rate x) for x ≥ 0 (finite at 0, as scipy),
 * -Infinity for x < 0. Reparameterised sampling `E / rate`. Throws DistributionError for
 * a concrete rate ≤ 0.
 */
export class ExponentialDistribution extends UnivariateDistribution {
  readonly name = "Exponential";
  readonly support = positive;
  override readonly hasRsample = true;
  readonly rate: Tensor;

  constructor(rate: TensorLike = 1, options?: ContinuousOptions) {
    const r = param(rate);
    super("Exponential", [r]);
    checkParam("Exponential", "rate", r, isPositive, "positive", options);
    this.rate = r;
  }

  /** log(rate) - rate x. */
  logProb(value: TensorLike): Tensor {
    const v = toTensor(value);
    return maskedLogProb(v, lt(v, 0), 1, (x) => sub(log(this.rate), mul(this.rate, x)));
  }

  sample(key: PRNGKey, sampleShape: Shape = []): Tensor {
    const shape = this.shape(sampleShape);
    return div(tensor(exponential(key, shape), shape), this.rate);
  }

  override get mean(): Tensor {
    return this.batch(reciprocal(this.rate));
  }
  override get variance(): Tensor {
    return this.batch(reciprocal(square(this.rate)));
  }
  /** -expm1(-rate x) for x ≥ 0, 0 below. */
  override cdf(value: TensorLike): Tensor {
    const v = toTensor(value);
    const out = le(v, 0);
    return where(out, 0, neg(expm1(neg(mul(this.rate, where(out, 0, v))))));
  }
  /** -log1p(-q) / rate. */
  override icdf(q: TensorLike): Tensor {
    return div(neg(log1p(neg(q))), this.rate);
  }
  /** 1 - log(rate). */
  override entropy(): Tensor {
    return this.batch(sub(1, log(this.rate)));
  }
}

/** Exponential(rate = 1) — see {@link ExponentialDistribution}. */
export function Exponential(
  rate: TensorLike = 1,
  options?: ContinuousOptions,
): ExponentialDistribution {
  return new ExponentialDistribution(rate, options);
}
