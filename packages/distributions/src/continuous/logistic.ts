/**
 * The logistic distribution.
 */
import {
  abs,
  add,
  div,
  exp,
  log,
  log1p,
  logit,
  mul,
  neg,
  type Shape,
  sigmoid,
  square,
  sub,
  type Tensor,
  type TensorLike,
} from "@sidereal/tensor";
import { real } from "../constraints/index.js";
import type { PRNGKey } from "../random/index.js";
import { type ContinuousOptions, checkParam, isPositive, openUniform, param } from "./params.js";
import { UnivariateDistribution } from "./univariate.js";

/**
 * Logistic(loc, scale): density e^(-z) / (scale (1 + e^(-z))²), z = (x - loc)/scale,
 * evaluated as -|z| - 2 log1p(e^(-|z|)) - log(scale) (symmetric, no overflow).
 * Reparameterised sampling `loc + scale logit(u)`. Throws DistributionError for a
 * concrete scale ≤ 0.
 */
export class LogisticDistribution extends UnivariateDistribution {
  readonly name = "Logistic";
  readonly support = real;
  override readonly hasRsample = true;
  readonly loc: Tensor;
  readonly scale: Tensor;

  constructor(loc: TensorLike = 0, scale: TensorLike = 1, options?: ContinuousOptions) {
    const l = param(loc);
    const s = param(scale);
    super("Logistic", [l, s]);
    checkParam("Logistic", "scale", s, isPositive, "positive", options);
    this.loc = l;
    this.scale = s;
  }

  logProb(value: TensorLike): Tensor {
    const a = abs(div(sub(value, this.loc), this.scale));
    return neg(add(add(a, mul(log1p(exp(neg(a))), 2)), log(this.scale)));
  }

  sample(key: PRNGKey, sampleShape: Shape = []): Tensor {
    return this.icdf(openUniform(key, this.shape(sampleShape)));
  }

  override get mean(): Tensor {
    return this.batch(this.loc);
  }
  /** scale² π²/3. */
  override get variance(): Tensor {
    return this.batch(mul(square(this.scale), (Math.PI * Math.PI) / 3));
  }
  /** σ((x - loc)/scale). */
  override cdf(value: TensorLike): Tensor {
    return sigmoid(div(sub(value, this.loc), this.scale));
  }
  /** loc + scale logit(q). */
  override icdf(q: TensorLike): Tensor {
    return add(this.loc, mul(this.scale, logit(q)));
  }
  /** log(scale) + 2. */
  override entropy(): Tensor {
    return this.batch(add(log(this.scale), 2));
  }
}

/** Logistic(loc, scale) — see {@link LogisticDistribution}. */
export function Logistic(
  loc: TensorLike = 0,
  scale: TensorLike = 1,
  options?: ContinuousOptions,
): LogisticDistribution {
  return new LogisticDistribution(loc, scale, options);
}
