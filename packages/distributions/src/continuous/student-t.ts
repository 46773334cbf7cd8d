/**
 * Student's t distribution with `df` degrees of freedom, location and scale.
 */
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
  type Shape,
  sqrt,
  square,
  sub,
  type Tensor,
  type TensorLike,
  tensor,
  where,
} from "@sidereal/tensor";
import { real } from "../constraints/index.js";
import { gamma, normal, type PRNGKey, split } from "../random/index.js";
import { type ContinuousOptions, checkParam, isPositive, param, valuesAt } from "./params.js";
import { UnivariateDistribution } from "./univariate.js";

const HALF_LOG_PI = 0.5 * Math.log(Math.PI);

/**
 * StudentT(df, loc, scale): density Γ((ν+1)/2) / (Γ(ν/2) √(νπ) scale) · (1 + z²/ν)^(-(ν+1)/2),
 * z = (x - loc)/scale. Sampling `loc + scale ε √(ν/χ²_ν)` with χ²_ν = 2 Gamma(ν/2) draws,
 * which are not reparameterised in ν (`hasRsample` false). Mean NaN for ν ≤ 1; variance
 * +Infinity for 1 < ν ≤ 2 and NaN for ν ≤ 1 (as NumPyro). Throws DistributionError for a
 * concrete df ≤ 0 or scale ≤ 0. No cdf (it needs the incomplete beta function).
 */
export class StudentTDistribution extends UnivariateDistribution {
  readonly name = "StudentT";
  readonly support = real;
  readonly df: Tensor;
  readonly loc: Tensor;
  readonly scale: Tensor;

  constructor(
    df: TensorLike,
    loc: TensorLike = 0,
    scale: TensorLike = 1,
    options?: ContinuousOptions,
  ) {
    const d = param(df);
    const l = param(loc);
    const s = param(scale);
    super("StudentT", [d, l, s]);
    checkParam("StudentT", "df", d, isPositive, "positive", options);
    checkParam("StudentT", "scale", s, isPositive, "positive", options);
    this.df = d;
    this.loc = l;
    this.scale = s;
  }

  logProb(value: TensorLike): Tensor {
    const nu = this.df;
    const z = div(sub(value, this.loc), this.scale);
    const half = mul(add(nu, 1), 0.5);
    const norm = sub(
      sub(lgamma(half), lgamma(mul(nu, 0.5))),
      add(add(mul(log(nu), 0.5), HALF_LOG_PI), log(this.scale)),
    );
    return sub(norm, mul(half, log1p(div(square(z), nu))));
  }

  sample(key: PRNGKey, sampleShape: Shape = []): Tensor {
    const shape = this.shape(sampleShape);
    const [kz, kg] = split(key, 2);
    const halfDf = valuesAt(mul(this.df, 0.5), shape);
    const g = tensor(gamma(kg, halfDf, shape), shape);
    const eps = tensor(normal(kz, shape), shape);
    // ν/χ² = ν / (2 G), G ~ Gamma(ν/2)
    const t = mul(eps, sqrt(div(this.df, mul(g, 2))));
    return add(this.loc, mul(this.scale, t));
  }

  override get mean(): Tensor {
    return this.batch(where(gt(this.df, 1), this.loc, Number.NaN));
  }
  override get variance(): Tensor {
    const nu = this.df;
    const safe = where(gt(nu, 2), nu, 3);
    const v = div(mul(square(this.scale), safe), sub(safe, 2));
    return this.batch(where(gt(nu, 2), v, where(gt(nu, 1), Number.POSITIVE_INFINITY, Number.NaN)));
  }
  /**
   * (ν+1)/2 (ψ((ν+1)/2) - ψ(ν/2)) + log(√ν B(ν/2, 1/2)) + log(scale).
   */
  override entropy(): Tensor {
    const nu = this.df;
    const half = mul(add(nu, 1), 0.5);
    const a = mul(half, sub(digamma(half), digamma(mul(nu, 0.5))));
    const b = add(mul(log(nu), 0.5), betaln(mul(nu, 0.5), 0.5));
    return this.batch(add(add(a, b), log(this.scale)));
  }
}

/** StudentT(df, loc = 0, scale = 1) — see {@link StudentTDistribution}. */
export function StudentT(
  df: TensorLike,
  loc: TensorLike = 0,
  scale: TensorLike = 1,
  options?: ContinuousOptions,
): StudentTDistribution {
  return new StudentTDistribution(df, loc, scale, options);
}
