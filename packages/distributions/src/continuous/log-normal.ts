/**
 * The log-normal distribution: exp(X) for X ~ N(loc, scale²).
 */
import {
  add,
  div,
  exp,
  expm1,
  le,
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
  toTensor,
  where,
} from "@sidereal/tensor";
import { positive } from "../constraints/index.js";
import { normal, type PRNGKey } from "../random/index.js";
import { HALF_LOG_2PI } from "./normal.js";
import { type ContinuousOptions, checkParam, isPositive, maskedLogProb, param } from "./params.js";
import { UnivariateDistribution } from "./univariate.js";

/**
 * LogNormal(loc, scale): density exp(-z²/2) / (x scale √(2π)), z = (log x - loc)/scale,
 * for x > 0; -Infinity for x ≤ 0. Reparameterised sampling `exp(loc + scale ε)`. Throws
 * DistributionError for a concrete scale ≤ 0.
 */
export class LogNormalDistribution extends UnivariateDistribution {
  readonly name = "LogNormal";
  readonly support = positive;
  override readonly hasRsample = true;
  readonly loc: Tensor;
  readonly scale: Tensor;

  constructor(loc: TensorLike = 0, scale: TensorLike = 1, options?: ContinuousOptions) {
    const l = param(loc);
    const s = param(scale);
    super("LogNormal", [l, s]);
    checkParam("LogNormal", "scale", s, isPositive, "positive", options);
    this.loc = l;
    this.scale = s;
  }

  logProb(value: TensorLike): Tensor {
    const v = toTensor(value);
    return maskedLogProb(v, le(v, 0), 1, (x) => {
      const lx = log(x);
      const z = div(sub(lx, this.loc), this.scale);
      return sub(mul(square(z), -0.5), add(add(log(this.scale), lx), HALF_LOG_2PI));
    });
  }

  sample(key: PRNGKey, sampleShape: Shape = []): Tensor {
    const shape = this.shape(sampleShape);
    return exp(add(this.loc, mul(this.scale, tensor(normal(key, shape), shape))));
  }

  /** exp(loc + scale²/2). */
  override get mean(): Tensor {
    return this.batch(exp(add(this.loc, mul(square(this.scale), 0.5))));
  }
  /** expm1(scale²) exp(2 loc + scale²). */
  override get variance(): Tensor {
    const s2 = square(this.scale);
    return this.batch(mul(expm1(s2), exp(add(mul(this.loc, 2), s2))));
  }
  /** Φ((log x - loc)/scale) for x > 0, 0 otherwise. */
  override cdf(value: TensorLike): Tensor {
    const v = toTensor(value);
    const out = le(v, 0);
    const z = div(sub(log(where(out, 1, v)), this.loc), this.scale);
    return where(out, 0, ndtr(z));
  }
  /** exp(loc + scale Φ⁻¹(q)). */
  override icdf(q: TensorLike): Tensor {
    return exp(add(this.loc, mul(this.scale, ndtri(q))));
  }
  /** loc + 1/2 + log(2π)/2 + log(scale). */
  override entropy(): Tensor {
    return this.batch(add(add(this.loc, log(this.scale)), 0.5 + HALF_LOG_2PI));
  }
}

/** LogNormal(loc, scale) — see {@link LogNormalDistribution}. */
export function LogNormal(
  loc: TensorLike = 0,
  scale: TensorLike = 1,
  options?: ContinuousOptions,
): LogNormalDistribution {
  return new LogNormalDistribution(loc, scale, options);
}
