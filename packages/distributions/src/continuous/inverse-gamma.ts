/**
 * The inverse-gamma distribution: 1/G for G ~ Gamma(concentration, rate) (NumPyro's
 * `TransformedDistribution(Gamma(concentration, rate), PowerTransform(-1))`).
 */
import type { Tensor, TensorLike } from "@sidereal/tensor";
import {
  add,
  digamma,
  div,
  gammaincCReg,
  gt,
  lgamma,
  log,
  logGammaincCReg,
  logGammaincReg,
  mul,
  square,
  sub,
  where,
} from "@sidereal/tensor";
import { PowerTransform } from "../bijectors/power.js";
import { positive } from "../constraints/index.js";
import { DerivedDistribution } from "../derived.js";
import type { ArgConstraints, DistributionOptions } from "../validate.js";
import { GammaDistribution } from "./gamma.js";
import { cdfAbove, logCdfAbove, logSurvivalAbove } from "./params.js";
import { callable } from "./univariate.js";

/**
 * InverseGamma(concentration α, rate β): the law of 1/G, G ~ Gamma(α, β), density
 * β^α x^(-α-1) e^(-β/x) / Γ(α) for x > 0 (scipy's invgamma(a = α, scale = β)), -Infinity
 * for x ≤ 0. logProb and sampling come from the base and the transform (sample = 1/G,
 * not reparameterised in α); the closed forms are kept: mean (+Infinity for α ≤ 1) and
 * variance (+Infinity for α ≤ 2, NumPyro), entropy, cdf Q(α, β/x) and its log-space
 * logCdf/logSurvival. Throws DistributionError for a concrete concentration ≤ 0 or
 * rate ≤ 0.
 */
export class InverseGammaDistribution extends DerivedDistribution {
  static readonly argConstraints: ArgConstraints = { concentration: positive, rate: positive };
  static readonly support = positive;
  static readonly reparametrized: readonly string[] = ["rate"];
  declare readonly concentration: Tensor;
  declare readonly rate: Tensor;

  constructor(concentration: TensorLike, rate: TensorLike = 1, options?: DistributionOptions) {
    const gamma = new GammaDistribution(concentration, rate, { validateArgs: false });
    const params = { concentration: gamma.concentration, rate: gamma.rate };
    super(
      "InverseGamma",
      InverseGammaDistribution.argConstraints,
      params,
      gamma,
      PowerTransform(-1),
      options,
    );
  }
  override get mean(): Tensor {
    const a = this.concentration;
    const ok = gt(a, 1);
    const sa = where(ok, a, 2);
    return this.batch(where(ok, div(this.rate, sub(sa, 1)), Number.POSITIVE_INFINITY));
  }
  override get variance(): Tensor {
    const a = this.concentration;
    const ok = gt(a, 2);
    const sa = where(ok, a, 3);
    const v = div(square(this.rate), mul(square(sub(sa, 1)), sub(sa, 2)));
    return this.batch(where(ok, v, Number.POSITIVE_INFINITY));
  }
  /** Q(α, β/x) for x > 0, 0 otherwise. */
  override cdf(value: TensorLike): Tensor {
    return cdfAbove(value, 0, (x) => gammaincCReg(this.concentration, div(this.rate, x)));
  }
  /** log Q(α, β/x) in log space, −Infinity for x ≤ 0. */
  override logCdf(value: TensorLike): Tensor {
    return logCdfAbove(value, 0, (x) => logGammaincCReg(this.concentration, div(this.rate, x)));
  }
  /** log P(α, β/x) in log space, 0 for x ≤ 0. */
  override logSurvival(value: TensorLike): Tensor {
    return logSurvivalAbove(value, 0, (x) => logGammaincReg(this.concentration, div(this.rate, x)));
  }
  /** α + log β + log Γ(α) - (1 + α) ψ(α). */
  override entropy(): Tensor {
    const a = this.concentration;
    return this.batch(sub(add(add(a, log(this.rate)), lgamma(a)), mul(add(a, 1), digamma(a))));
  }
}

/** InverseGamma(concentration, rate = 1) — see {@link InverseGammaDistribution}. */
export const InverseGamma = callable(InverseGammaDistribution);
