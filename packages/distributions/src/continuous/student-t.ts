/**
 * Student's t distribution with `df` degrees of freedom, location and scale.
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import {
  add,
  betaln,
  digamma,
  div,
  gt,
  lgamma,
  log,
  log1p,
  mul,
  neg,
  sqrt,
  square,
  sub,
  tensor,
  where,
} from "@sidereal/tensor";
import { positive, real } from "../constraints/index.js";
import type { PRNGKey } from "../random/index.js";
import { gamma, normal, split } from "../random/index.js";
import type { DistributionOptions } from "../validate.js";
import { LocScaleDistribution } from "./loc-scale.js";
import { valuesAt } from "./params.js";
import { callable } from "./univariate.js";

const HALF_LOG_PI = 0.5 * Math.log(Math.PI);

/**
 * StudentT(df, loc, scale): density Γ((ν+1)/2) / (Γ(ν/2) √(νπ) scale) · (1 + z²/ν)^(-(ν+1)/2),
 * z = (x - loc)/scale. Sampling `loc + scale ε √(ν/χ²_ν)` with χ²_ν = 2 Gamma(ν/2) draws,
 * which are not reparameterised in ν (`hasRsample` false). Mean NaN for ν ≤ 1; variance
 * +Infinity for 1 < ν ≤ 2 and NaN for ν ≤ 1 (as NumPyro). Entropy
 * (ν+1)/2 (ψ((ν+1)/2) - ψ(ν/2)) + log(√ν B(ν/2, 1/2)) + log(scale). A concrete df ≤ 0 or
 * scale ≤ 0 throws a DistributionError. No cdf (it needs the incomplete beta function).
 */
export class StudentTDistribution extends LocScaleDistribution {
  static override readonly argConstraints = {
    df: positive,
    loc: real,
    scale: positive,
  };
  declare readonly df: Tensor;

  constructor(
    df: TensorLike,
    loc: TensorLike = 0,
    scale: TensorLike = 1,
    options?: DistributionOptions,
  ) {
    super("StudentT", loc, scale, options, { df });
  }

  /** log Γ((ν+1)/2) - log Γ(ν/2) - ½ log(νπ). */
  private logNormalizer(): Tensor {
    const nu = this.df;
    return sub(
      sub(lgamma(mul(add(nu, 1), 0.5)), lgamma(mul(nu, 0.5))),
      add(mul(log(nu), 0.5), HALF_LOG_PI),
    );
  }
  /** The normaliser - (ν+1)/2 log(1 + z²/ν) - log scale, finite for every finite x. */
  override logProb(value: TensorLike): Tensor {
    const half = mul(add(this.df, 1), 0.5);
    const tail = mul(half, this.log1pSquareZ(value, this.df));
    return sub(sub(this.logNormalizer(), tail), log(this.scale));
  }
  /** -(ν+1)/2 log(1 + z²/ν) (normaliser -{@link logNormalizer}). */
  protected standardLogProb(z: Tensor): Tensor {
    const nu = this.df;
    return neg(mul(mul(add(nu, 1), 0.5), log1p(div(square(z), nu))));
  }
  protected override standardLogNormalizer(): Tensor {
    return neg(this.logNormalizer());
  }
  protected override standardSample(key: PRNGKey, shape: Shape): Tensor {
    const [kz, kg] = split(key, 2);
    const g = tensor(gamma(kg, valuesAt(mul(this.df, 0.5), shape), shape), shape);
    // ν/χ² = ν / (2 G), G ~ Gamma(ν/2)
    return mul(tensor(normal(kz, shape), shape), sqrt(div(this.df, mul(g, 2))));
  }
  protected standardMean(): Tensor {
    return where(gt(this.df, 1), 0, Number.NaN);
  }
  protected standardVariance(): Tensor {
    const nu = this.df;
    const safe = where(gt(nu, 2), nu, 3);
    const v = div(safe, sub(safe, 2));
    return where(gt(nu, 2), v, where(gt(nu, 1), Number.POSITIVE_INFINITY, Number.NaN));
  }
  protected standardEntropy(): Tensor {
    const nu = this.df;
    const half = mul(add(nu, 1), 0.5);
    const a = mul(half, sub(digamma(half), digamma(mul(nu, 0.5))));
    return add(a, add(mul(log(nu), 0.5), betaln(mul(nu, 0.5), 0.5)));
  }
}

/** StudentT(df, loc = 0, scale = 1) — see {@link StudentTDistribution}. */
export const StudentT = callable(StudentTDistribution);
