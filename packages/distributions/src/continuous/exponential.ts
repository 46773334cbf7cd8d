/**
 * The exponential distribution with a rate.
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import {
  div,
  expm1,
  log,
  log1mexp,
  log1p,
  mul,
  neg,
  reciprocal,
  square,
  sub,
  tensor,
} from "@sidereal/tensor";
import { positive } from "../constraints/index.js";
import type { PRNGKey } from "../random/index.js";
import { exponential } from "../random/index.js";
import type { DistributionOptions } from "../validate.js";
import { cdfAbove, logCdfAbove, logProbAbove, logSurvivalAbove } from "./params.js";
import { callable, UnivariateDistribution } from "./univariate.js";

/**
 * Exponential(rate): density rate e^(-rate x) for x ≥ 0 (finite at 0, as scipy),
 * -Infinity for x < 0. Reparameterised sampling `E / rate`. A concrete rate ≤ 0 throws a
 * DistributionError.
 */
export class ExponentialDistribution extends UnivariateDistribution {
  static override readonly argConstraints = { rate: positive };
  static override readonly support = positive;
  static override readonly reparametrized = ["rate"];
  declare readonly rate: Tensor;

  constructor(rate: TensorLike = 1, options?: DistributionOptions) {
    super("Exponential", { rate }, options);
  }

  /** log(rate) - rate x. */
  logProb(value: TensorLike): Tensor {
    return logProbAbove(value, 0, (x) => sub(log(this.rate), mul(this.rate, x)));
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
    return cdfAbove(value, 0, (x) => neg(expm1(neg(mul(this.rate, x)))), 0);
  }
  /** log(1 − e^(−rate x)) (log1mexp: finite as x → 0) for x > 0, −Infinity below. */
  override logCdf(value: TensorLike): Tensor {
    return logCdfAbove(value, 0, (x) => log1mexp(neg(mul(this.rate, x))));
  }
  /** −rate x for x > 0, 0 below. */
  override logSurvival(value: TensorLike): Tensor {
    return logSurvivalAbove(value, 0, (x) => neg(mul(this.rate, x)));
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
export const Exponential = callable(ExponentialDistribution);
