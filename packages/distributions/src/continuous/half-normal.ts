/**
 * The half-normal distribution: |X| for X ~ N(0, scale²).
 */
import {
  abs,
  div,
  erf,
  erfinv,
  le,
  log,
  lt,
  mul,
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
import { type ContinuousOptions, checkParam, isPositive, maskedLogProb, param } from "./params.js";
import { UnivariateDistribution } from "./univariate.js";

const HALF_LOG_2_OVER_PI = 0.5 * Math.log(2 / Math.PI);

/**
 * HalfNormal(scale): density √(2/π)/scale · exp(-x²/(2 scale²)) for x ≥ 0 (finite at
 * x = 0, as scipy's halfnorm), -Infinity for x < 0. Support `positive` (NumPyro).
 * Reparameterised sampling `scale |ε|`. Throws DistributionError for a concrete scale ≤ 0.
 */
export class HalfNormalDistribution extends UnivariateDistribution {
  readonly name = "HalfNormal";
  readonly support = positive;
  override readonly hasRsample = true;
  readonly scale: Tensor;

  constructor(scale: TensorLike = 1, options?: ContinuousOptions) {
    const s = param(scale);
    super("HalfNormal", [s]);
    checkParam("HalfNormal", "scale", s, isPositive, "positive", options);
    this.scale = s;
  }

  logProb(value: TensorLike): Tensor {
    const v = toTensor(value);
    return maskedLogProb(v, lt(v, 0), 1, (x) => {
      const z = div(x, this.scale);
      return sub(mul(square(z), -0.5), sub(log(this.scale), HALF_LOG_2_OVER_PI));
    });
  }

  sample(key: PRNGKey, sampleShape: Shape = []): Tensor {
    const shape = this.shape(sampleShape);
    return mul(this.scale, abs(tensor(normal(key, shape), shape)));
  }

  override get mean(): Tensor {
    return this.batch(mul(this.scale, Math.sqrt(2 / Math.PI)));
  }
  override get variance(): Tensor {
    return this.batch(mul(square(this.scale), 1 - 2 / Math.PI));
  }
  /** erf(x / (scale √2)) for x ≥ 0, 0 below. */
  override cdf(value: TensorLike): Tensor {
    const v = toTensor(value);
    const neg = le(v, 0);
    return where(neg, 0, erf(div(where(neg, 0, v), mul(this.scale, Math.SQRT2))));
  }
  /** scale √2 erf⁻¹(q). */
  override icdf(q: TensorLike): Tensor {
    return mul(mul(this.scale, Math.SQRT2), erfinv(q));
  }
  /** log(scale) + log(π/2)/2 + 1/2. */
  override entropy(): Tensor {
    return this.batch(sub(log(this.scale), HALF_LOG_2_OVER_PI - 0.5));
  }
}

/** HalfNormal(scale) — see {@link HalfNormalDistribution}. */
export function HalfNormal(
  scale: TensorLike = 1,
  options?: ContinuousOptions,
): HalfNormalDistribution {
  return new HalfNormalDistribution(scale, options);
}
