/**
 * The half-Cauchy distribution: |X| for X ~ Cauchy(0, scale).
 */
import {
  add,
  atan,
  div,
  full,
  le,
  log,
  log1p,
  lt,
  mul,
  type Shape,
  square,
  sub,
  type Tensor,
  type TensorLike,
  tan,
  toTensor,
  where,
} from "@sidereal/tensor";
import { positive } from "../constraints/index.js";
import type { PRNGKey } from "../random/index.js";
import {
  type ContinuousOptions,
  checkParam,
  isPositive,
  maskedLogProb,
  openUniform,
  param,
} from "./params.js";
import { UnivariateDistribution } from "./univariate.js";

const LOG_2_OVER_PI = Math.log(2 / Math.PI);

/**
 * HalfCauchy(scale): density 2 / (π scale (1 + (x/scale)²)) for x ≥ 0, -Infinity for
 * x < 0. Mean and variance +Infinity (NumPyro). Reparameterised sampling. Throws
 * DistributionError for a concrete scale ≤ 0.
 */
export class HalfCauchyDistribution extends UnivariateDistribution {
  readonly name = "HalfCauchy";
  readonly support = positive;
  override readonly hasRsample = true;
  readonly scale: Tensor;

  constructor(scale: TensorLike = 1, options?: ContinuousOptions) {
    const s = param(scale);
    super("HalfCauchy", [s]);
    checkParam("HalfCauchy", "scale", s, isPositive, "positive", options);
    this.scale = s;
  }

  logProb(value: TensorLike): Tensor {
    const v = toTensor(value);
    return maskedLogProb(v, lt(v, 0), 1, (x) =>
      sub(LOG_2_OVER_PI, add(log1p(square(div(x, this.scale))), log(this.scale))),
    );
  }

  sample(key: PRNGKey, sampleShape: Shape = []): Tensor {
    const shape = this.shape(sampleShape);
    return this.icdf(openUniform(key, shape));
  }

  override get mean(): Tensor {
    return full(this.batchShape, Number.POSITIVE_INFINITY);
  }
  override get variance(): Tensor {
    return full(this.batchShape, Number.POSITIVE_INFINITY);
  }
  /** (2/π) atan(x/scale) for x ≥ 0, 0 below. */
  override cdf(value: TensorLike): Tensor {
    const v = toTensor(value);
    const out = le(v, 0);
    return where(out, 0, mul(atan(div(where(out, 0, v), this.scale)), 2 / Math.PI));
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
export function HalfCauchy(
  scale: TensorLike = 1,
  options?: ContinuousOptions,
): HalfCauchyDistribution {
  return new HalfCauchyDistribution(scale, options);
}
