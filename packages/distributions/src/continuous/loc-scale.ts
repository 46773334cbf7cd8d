/**
 * The location-scale base: a family X = loc + scale·Z whose standard member Z is fixed
 * (Normal, Cauchy, Laplace, Logistic; StudentT with its df). A subclass writes the standard
 * member's formulas once, in z = (x − loc)/scale, and inherits
 *
 *   logProb(x) = log f(z) − log scale        cdf(x) = F(z)
 *   icdf(q)    = loc + scale·F⁻¹(q)          sample = loc + scale·Z (pathwise in loc, scale)
 *   logCdf(x)  = log F(z)                     logSurvival(x) = log F(−z) (symmetric Z)
 *   mean       = loc + scale·E[Z]             variance = scale²·Var[Z]
 *   entropy    = H[Z] + log scale
 *
 * `argConstraints` are `{ loc: real, scale: positive }` (a subclass may add parameters).
 * Heavy tails that need log|z| without forming z (Cauchy, StudentT at |x| ~ 1e300 with a
 * small scale) use {@link LocScaleDistribution.logAbsZ}.
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import {
  abs,
  add,
  div,
  exp,
  log,
  log1p,
  lt,
  mul,
  neg,
  sqrt,
  square,
  sub,
  toTensor,
  where,
} from "@sidereal/tensor";
import { positive, real } from "../constraints/index.js";
import type { PRNGKey } from "../random/index.js";
import type { DistributionOptions } from "../validate.js";
import { concreteValues } from "../validate.js";
import { openUniform } from "./params.js";
import { UnivariateDistribution } from "./univariate.js";

export abstract class LocScaleDistribution extends UnivariateDistribution {
  static override readonly argConstraints = { loc: real, scale: positive };
  static override readonly reparametrized = ["loc", "scale"];

  declare readonly loc: Tensor;
  declare readonly scale: Tensor;

  protected constructor(
    name: string,
    loc: TensorLike,
    scale: TensorLike,
    options?: DistributionOptions,
    extra: Readonly<Record<string, TensorLike>> = {},
  ) {
    super(name, { ...extra, loc, scale }, options);
  }

  /**
   * log f(z) + c of the standard member: its log-density up to the constant
   * c = {@link standardLogNormalizer}, which `logProb` adds to log scale first (so that for
   * constant parameters `compile` folds the two into one constant).
   */
  protected abstract standardLogProb(z: Tensor): Tensor;
  /** c, the log normalising constant of the standard member (see `standardLogProb`). */
  protected standardLogNormalizer(): TensorLike {
    return 0;
  }
  /** Draws of the standard member, shape `shape` (by default F⁻¹ of open-interval uniforms). */
  protected standardSample(key: PRNGKey, shape: Shape): Tensor {
    return this.standardIcdf(openUniform(key, shape));
  }
  /** E[Z] (NaN where it does not exist). */
  protected abstract standardMean(): TensorLike;
  /** Var[Z] (+Infinity or NaN where it does not exist). */
  protected abstract standardVariance(): TensorLike;
  /** H[Z], the entropy of the standard member. */
  protected abstract standardEntropy(): TensorLike;
  /** F(z); families without a closed form leave it to the base class (which throws). */
  protected standardCdf(_z: Tensor): Tensor {
    throw this.unavailable("cdf");
  }
  /** F⁻¹(q). */
  protected standardIcdf(_q: TensorLike): Tensor {
    throw this.unavailable("icdf");
  }
  /** log F(z) in log space (finite where F(z) underflows); families without one throw. */
  protected standardLogCdf(_z: Tensor): Tensor {
    throw this.unavailable("logCdf");
  }
  /** log(1 − F(z)) = log F(−z): every standard member here is symmetric about 0. */
  protected standardLogSurvival(z: Tensor): Tensor {
    return this.standardLogCdf(neg(z));
  }

  /** z = (x − loc)/scale (x/scale when loc is the constant 0, as for the folded families). */
  protected standardize(x: TensorLike): Tensor {
    return div(this.centredAtZero() ? x : sub(x, this.loc), this.scale);
  }
  private centredCache: boolean | undefined;
  private centredAtZero(): boolean {
    if (this.centredCache === undefined) {
      const v = this.loc.size === 1 ? concreteValues(this.loc) : null;
      this.centredCache = v !== null && v[0] === 0;
    }
    return this.centredCache;
  }
  /** log|z| = log|x − loc| − log scale, finite even where z itself overflows. */
  protected logAbsZ(x: TensorLike): Tensor {
    return sub(log(abs(sub(x, this.loc))), log(this.scale));
  }

  /**
   * log(1 + z²/ν) (ν = 1 by default) without overflow: log1p(w²) for |w| < 1, else
   * 2 log|w| + log1p(w⁻²) with log|w| = log|x − loc| − log scale − ½ log ν, so that
   * Cauchy(0, 1).logProb(1e300) = −log π − 2·log 1e300 instead of −Infinity. The second
   * branch is evaluated at a point with |w| = 1 where the first is taken, so neither
   * branch's gradient is NaN.
   */
  protected log1pSquareZ(value: TensorLike, df: TensorLike = 1): Tensor {
    const v = toTensor(value);
    const rootDf = sqrt(df);
    const w = div(this.standardize(v), rootDf);
    const small = lt(abs(w), 1);
    const far = where(small, add(this.loc, mul(this.scale, rootDf)), v);
    const logAbsW = sub(this.logAbsZ(far), log(rootDf));
    const tail = add(mul(logAbsW, 2), log1p(exp(mul(logAbsW, -2))));
    return where(small, log1p(square(where(small, w, 0))), tail);
  }

  logProb(value: TensorLike): Tensor {
    const logNormalizer = add(log(this.scale), this.standardLogNormalizer());
    return sub(this.standardLogProb(this.standardize(value)), logNormalizer);
  }
  sample(key: PRNGKey, sampleShape: Shape = []): Tensor {
    return add(this.loc, mul(this.scale, this.standardSample(key, this.shape(sampleShape))));
  }
  override get mean(): Tensor {
    return this.batch(add(this.loc, mul(this.scale, this.standardMean())));
  }
  override get variance(): Tensor {
    return this.batch(mul(square(this.scale), this.standardVariance()));
  }
  override cdf(value: TensorLike): Tensor {
    return this.standardCdf(this.standardize(value));
  }
  override icdf(q: TensorLike): Tensor {
    return add(this.loc, mul(this.scale, this.standardIcdf(q)));
  }
  override logCdf(value: TensorLike): Tensor {
    return this.standardLogCdf(this.standardize(value));
  }
  override logSurvival(value: TensorLike): Tensor {
    return this.standardLogSurvival(this.standardize(value));
  }
  override entropy(): Tensor {
    return this.batch(add(log(this.scale), this.standardEntropy()));
  }
}
