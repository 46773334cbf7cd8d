/**
 * The log-normal distribution: exp(X) for X ~ N(loc, scale²).
 */
import type { Tensor, TensorLike } from "@sidereal/tensor";
import {
  add,
  div,
  exp,
  expm1,
  log,
  logNdtr,
  mul,
  ndtr,
  ndtri,
  square,
  sub,
} from "@sidereal/tensor";
import { ExpTransform } from "../bijectors/exp.js";
import { positive, real } from "../constraints/index.js";
import { DerivedDistribution } from "../derived.js";
import type { ArgConstraints, DistributionOptions } from "../validate.js";
import { HALF_LOG_2PI, NormalDistribution } from "./normal.js";
import { cdfAbove, logCdfAbove, logSurvivalAbove } from "./params.js";
import { callable } from "./univariate.js";

/**
 * LogNormal(loc, scale): NumPyro's `TransformedDistribution(Normal(loc, scale), ExpTransform())`,
 * density exp(-z²/2) / (x scale √(2π)), z = (log x - loc)/scale, for x > 0; -Infinity for
 * x ≤ 0 (logProb, sampling `exp(loc + scale ε)` and the support come from the transform).
 * The closed forms are kept: mean, variance, cdf, icdf and entropy. A concrete scale ≤ 0
 * throws a DistributionError naming LogNormal.
 */
export class LogNormalDistribution extends DerivedDistribution {
  static readonly argConstraints: ArgConstraints = { loc: real, scale: positive };
  static readonly support = positive;
  static readonly reparametrized: readonly string[] = ["loc", "scale"];
  declare readonly loc: Tensor;
  declare readonly scale: Tensor;

  constructor(loc: TensorLike = 0, scale: TensorLike = 1, options?: DistributionOptions) {
    const normal = new NormalDistribution(loc, scale, { validateArgs: false });
    const params = { loc: normal.loc, scale: normal.scale };
    super(
      "LogNormal",
      LogNormalDistribution.argConstraints,
      params,
      normal,
      ExpTransform(),
      options,
    );
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
    return cdfAbove(value, 0, (x) => ndtr(div(sub(log(x), this.loc), this.scale)));
  }
  /** log Φ((log x − loc)/scale) (logNdtr) for x > 0, −Infinity otherwise. */
  override logCdf(value: TensorLike): Tensor {
    return logCdfAbove(value, 0, (x) => logNdtr(div(sub(log(x), this.loc), this.scale)));
  }
  /** log Φ((loc − log x)/scale) for x > 0, 0 otherwise. */
  override logSurvival(value: TensorLike): Tensor {
    return logSurvivalAbove(value, 0, (x) => logNdtr(div(sub(this.loc, log(x)), this.scale)));
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
export const LogNormal = callable(LogNormalDistribution);
