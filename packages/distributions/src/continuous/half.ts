/**
 * The half (folded) distributions: |X| for X from a location-scale family centred at 0
 * (HalfNormal from Normal, HalfCauchy from Cauchy). Folding is not a bijection, so these
 * are not `TransformedDistribution`s; they are derived from the base the same way:
 *
 *   logProb(x) = log 2 + base.logProb(x) for x ≥ 0, −Infinity below,
 *   sample     = |base.sample|,
 *
 * which inherits the base's tail-stable log-density. The closed forms (mean, variance,
 * cdf, icdf, entropy) are written by each family. `argConstraints` `{ scale: positive }`,
 * support `positive` (NumPyro), reparametrized in the scale.
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import { abs, add, exp, gt, log, log1p, neg, where } from "@sidereal/tensor";
import { positive } from "../constraints/index.js";
import type { PRNGKey } from "../random/index.js";
import type { DistributionOptions } from "../validate.js";
import type { LocScaleDistribution } from "./loc-scale.js";
import { logCdfAbove, logProbAbove, logSurvivalAbove } from "./params.js";
import { UnivariateDistribution } from "./univariate.js";

type UnfoldedClass = new (
  loc: TensorLike,
  scale: TensorLike,
  o?: DistributionOptions,
) => LocScaleDistribution;

export abstract class HalfDistribution extends UnivariateDistribution {
  static override readonly argConstraints = { scale: positive };
  static override readonly support = positive;
  static override readonly reparametrized = ["scale"];
  declare readonly scale: Tensor;
  private readonly Unfolded: UnfoldedClass;
  private unfolded: LocScaleDistribution | undefined;
  /**
   * The unfolded distribution, centred at 0 with the same scale; built on first use (a model
   * that only draws or constrains a half-normal site never needs it).
   */
  get base(): LocScaleDistribution {
    if (this.unfolded === undefined)
      this.unfolded = new this.Unfolded(0, this.scale, { validateArgs: false });
    return this.unfolded;
  }

  protected constructor(
    name: string,
    scale: TensorLike,
    options: DistributionOptions | undefined,
    Unfolded: UnfoldedClass,
  ) {
    super(name, { scale }, options);
    this.Unfolded = Unfolded;
  }

  /** log 2 + base.logProb(x) for x ≥ 0. */
  logProb(value: TensorLike): Tensor {
    return logProbAbove(value, 0, (x) => add(this.base.logProb(x), Math.LN2));
  }
  sample(key: PRNGKey, sampleShape: Shape = []): Tensor {
    return abs(this.base.sample(key, sampleShape));
  }
  /** log 2 + base.logSurvival(x) for x > 0 (P(|X| > x) = 2 P(X > x)), 0 below. */
  override logSurvival(value: TensorLike): Tensor {
    return logSurvivalAbove(value, 0, (x) => add(this.base.logSurvival(x), Math.LN2));
  }
  /**
   * log cdf(x) for x > 0 where cdf ≤ 1/2 (the family's cdf keeps a small value's digits),
   * log1p(−e^logSurvival) above (no 1 − cdf cancellation); −Infinity for x ≤ 0.
   */
  override logCdf(value: TensorLike): Tensor {
    return logCdfAbove(value, 0, (x) => {
      const ls = this.logSurvival(x);
      const upper = gt(ls, -Math.LN2);
      return where(upper, log(this.cdf(x)), log1p(neg(exp(ls))));
    });
  }
}
