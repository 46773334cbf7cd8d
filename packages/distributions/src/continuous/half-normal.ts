/**
 * The half-normal distribution: |X| for X ~ N(0, scale²).
 */
import type { Tensor, TensorLike } from "@sidereal/tensor";
import { div, erf, erfinv, log, mul, square, sub } from "@sidereal/tensor";
import type { DistributionOptions } from "../validate.js";
import { HalfDistribution } from "./half.js";
import { NormalDistribution } from "./normal.js";
import { cdfAbove } from "./params.js";
import { callable } from "./univariate.js";

const HALF_LOG_2_OVER_PI = 0.5 * Math.log(2 / Math.PI);

/**
 * HalfNormal(scale): density √(2/π)/scale · exp(-x²/(2 scale²)) for x ≥ 0 (finite at
 * x = 0, as scipy's halfnorm), -Infinity for x < 0: Normal(0, scale) folded at 0 (see
 * {@link HalfDistribution}). Reparameterised sampling `scale |ε|`. A concrete scale ≤ 0
 * throws a DistributionError.
 */
export class HalfNormalDistribution extends HalfDistribution {
  constructor(scale: TensorLike = 1, options?: DistributionOptions) {
    super("HalfNormal", scale, options, NormalDistribution);
  }
  /** scale √(2/π). */
  override get mean(): Tensor {
    return this.batch(mul(this.scale, Math.sqrt(2 / Math.PI)));
  }
  /** scale² (1 − 2/π). */
  override get variance(): Tensor {
    return this.batch(mul(square(this.scale), 1 - 2 / Math.PI));
  }
  /** erf(x / (scale √2)) for x ≥ 0, 0 below. */
  override cdf(value: TensorLike): Tensor {
    return cdfAbove(value, 0, (x) => erf(div(x, mul(this.scale, Math.SQRT2))), 0);
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
export const HalfNormal = callable(HalfNormalDistribution);
