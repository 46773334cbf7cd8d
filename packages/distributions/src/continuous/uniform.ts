/**
 * The continuous uniform distribution on [low, high].
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import {
  add,
  clip,
  div,
  gt,
  log,
  lt,
  mul,
  neg,
  square,
  sub,
  tensor,
  toTensor,
} from "@sidereal/tensor";
import type { Constraint } from "../constraints/constraint.js";
import { interval, lessThan, real } from "../constraints/index.js";
import type { PRNGKey } from "../random/index.js";
import { uniform } from "../random/index.js";
import type { DistributionOptions } from "../validate.js";
import { dependent } from "../validate.js";
import { maskedLogProb } from "./params.js";
import { callable, UnivariateDistribution } from "./univariate.js";

/**
 * Uniform(low, high): density 1/(high - low) on the closed interval [low, high] (as
 * scipy), -Infinity outside. Support `interval(low, high)`. Reparameterised sampling
 * `low + (high - low) u`. Throws DistributionError for concrete low ≥ high.
 */
export class UniformDistribution extends UnivariateDistribution {
  static override readonly argConstraints = {
    low: dependent("high", (p) => lessThan(p.high)),
    high: real,
  };
  static override readonly reparametrized = ["low", "high"];
  declare readonly low: Tensor;
  declare readonly high: Tensor;

  constructor(low: TensorLike = 0, high: TensorLike = 1, options?: DistributionOptions) {
    super("Uniform", { low, high }, options);
  }

  private supportCache: Constraint | undefined;
  /** interval(low, high) (built once: the parameters are fixed). */
  override get support(): Constraint {
    if (this.supportCache === undefined) this.supportCache = interval(this.low, this.high);
    return this.supportCache;
  }

  logProb(value: TensorLike): Tensor {
    const v = toTensor(value);
    const outside = add(lt(v, this.low), gt(v, this.high));
    const logWidth = neg(log(sub(this.high, this.low)));
    // the density is constant: add 0·x so the result has the value's shape and gradient 0
    return maskedLogProb(v, outside, this.low, (x) => add(logWidth, mul(x, 0)));
  }

  sample(key: PRNGKey, sampleShape: Shape = []): Tensor {
    const shape = this.shape(sampleShape);
    const u = tensor(uniform(key, shape), shape);
    return add(this.low, mul(sub(this.high, this.low), u));
  }

  override get mean(): Tensor {
    return this.batch(mul(add(this.low, this.high), 0.5));
  }
  override get variance(): Tensor {
    return this.batch(div(square(sub(this.high, this.low)), 12));
  }
  /** clip((x - low)/(high - low), 0, 1). */
  override cdf(value: TensorLike): Tensor {
    return clip(div(sub(value, this.low), sub(this.high, this.low)), 0, 1);
  }
  /** low + q (high - low). */
  override icdf(q: TensorLike): Tensor {
    return add(this.low, mul(q, sub(this.high, this.low)));
  }
  /** log(high - low). */
  override entropy(): Tensor {
    return this.batch(log(sub(this.high, this.low)));
  }
}

/** Uniform(low, high) — see {@link UniformDistribution}. */
export const Uniform = callable(UniformDistribution);
