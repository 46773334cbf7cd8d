/**
 * The Cauchy distribution.
 */
import type { Tensor, TensorLike } from "@sidereal/tensor";
import {
  add,
  atan2,
  div,
  gt,
  log,
  log1p,
  lt,
  mul,
  neg,
  square,
  sub,
  tan,
  toTensor,
  where,
} from "@sidereal/tensor";
import type { DistributionOptions } from "../validate.js";
import { LocScaleDistribution } from "./loc-scale.js";
import { callable } from "./univariate.js";

const LOG_PI = Math.log(Math.PI);

/**
 * Cauchy(loc, scale): density 1 / (π scale (1 + z²)), z = (x - loc)/scale. Mean NaN,
 * variance +Infinity (NumPyro). Reparameterised sampling `loc + scale tan(π(u - 1/2))`.
 * Entropy log(4π scale). A concrete scale ≤ 0 throws a DistributionError.
 */
export class CauchyDistribution extends LocScaleDistribution {
  constructor(loc: TensorLike = 0, scale: TensorLike = 1, options?: DistributionOptions) {
    super("Cauchy", loc, scale, options);
  }
  /** -log π - log(scale) - log(1 + z²), the last term finite for every finite x. */
  override logProb(value: TensorLike): Tensor {
    return neg(add3(this.log1pSquareZ(value), log(this.scale), LOG_PI));
  }
  /** -log(1 + z²) (normaliser log π). */
  protected standardLogProb(z: Tensor): Tensor {
    return neg(log1p(square(z)));
  }
  protected override standardLogNormalizer(): number {
    return LOG_PI;
  }
  protected standardMean(): number {
    return Number.NaN;
  }
  protected standardVariance(): number {
    return Number.POSITIVE_INFINITY;
  }
  protected standardEntropy(): number {
    return Math.log(4 * Math.PI);
  }
  /** atan2(1, -z)/π (= 1/2 + atan(z)/π, without cancellation in the left tail). */
  protected override standardCdf(z: Tensor): Tensor {
    return div(atan2(1, neg(z)), Math.PI);
  }
  /**
   * log F(z): log(atan2(1, −z)) − log π for z < 0 (F = atan(1/|z|)/π, no cancellation, finite
   * while 1/|z| is a normal number, |z| < 4e307), log1p(−atan2(1, z)/π) for z ≥ 0 (F ≥ 1/2).
   */
  protected override standardLogCdf(z: Tensor): Tensor {
    const left = sub(log(atan2(1, neg(z))), LOG_PI);
    const right = log1p(div(atan2(1, z), -Math.PI));
    return where(lt(z, 0), left, right);
  }
  /**
   * tan(π(q - 1/2)): directly for 1/4 ≤ q ≤ 3/4 (q - 1/2 is exact there), as -1/tan(πq)
   * below and 1/tan(π(1 - q)) above, so that tail quantiles keep the digits of q.
   */
  protected override standardIcdf(q: TensorLike): Tensor {
    const tq = toTensor(q);
    const lower = lt(tq, 0.25);
    const upper = gt(tq, 0.75);
    const tail = div(where(lower, -1, 1), tan(mul(where(lower, tq, sub(1, tq)), Math.PI)));
    return where(add(lower, upper), tail, tan(mul(sub(tq, 0.5), Math.PI)));
  }
}

const add3 = (a: TensorLike, b: TensorLike, c: number): Tensor => add(add(a, b), c);

/** Cauchy(loc, scale) — see {@link CauchyDistribution}. */
export const Cauchy = callable(CauchyDistribution);
